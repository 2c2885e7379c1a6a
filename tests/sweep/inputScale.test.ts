import { afterAll, describe, expect, it } from 'vitest';
import { runCell } from '@resnet/core';
import { GridError, parseAxes, parseCsv, readCells, runSweep, variantLabel, type CellRow } from '@resnet/sweep';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resnet } from '../cli/run.js';
import { cleanTemp, tempDir } from './helpers.js';

// --input-scale, added as one declaration: the sweep's flags, validation, product, columns, readers and labels
// take it with no code of their own.
afterAll(cleanTemp);

describe('the input-scale axis', () => {
  it('sweeps each scale (numbers and expressions) into its own cells, columns, labels and summary rows', async () => {
    const axes = parseAxes({ inputScale: '1,2,1/sqrt(width)' });
    expect(axes).toEqual({ inputScale: [1, 2, '1/sqrt(width)'] });
    const out = tempDir('input-scale');
    await runSweep({
      depths: [3, 4],
      seeds: { start: 0, count: 2 },
      width: 4,
      archs: ['plain'],
      axes,
      out,
      threads: 1,
    });
    const cells: CellRow[] = [];
    await readCells(out, (c) => cells.push(c));
    expect(cells).toHaveLength(12);
    expect(cells.slice(0, 6).map((c) => [c.inputScale, c.inputScaleExpr, c.depth])).toEqual([
      [1, '1', 3],
      [1, '1', 4],
      [2, '2', 3],
      [2, '2', 4],
      [0.5, '1/sqrt(width)', 3],
      [0.5, '1/sqrt(width)', 4],
    ]);
    const direct = runCell({ arch: 'plain', depth: 3, seed: 0, width: 4, inputSize: 16, inputScale: 2 });
    expect(cells[2]!.xNorm).toBe(direct.xNorm);
    expect(cells[2]!.gradNorms).toEqual(direct.gradNorms);
    expect(variantLabel(cells[4]! as unknown as Record<string, unknown>, axes)).toBe('x-scale=1/sqrt(width)');
    const summary = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(summary[0]!.slice(0, 4)).toEqual(['arch', 'inputScale', 'inputScaleExpr', 'depth']);
    expect(summary.slice(1).map((r) => r.slice(0, 4))).toContainEqual(['plain', '0.5', '1/sqrt(width)', '4']);
  });

  it('names --input-scale in its errors', () => {
    expect(() => parseAxes({ inputScale: '1,big' })).toThrow(GridError);
    expect(() => parseAxes({ inputScale: '1,big' })).toThrow(/^--input-scale: got "big"/);
    expect(() => parseAxes({ inputScale: '1/sqrt(layer)' })).toThrow(/takes one value per net/);
  });

  it('is a flag of resnet sweep, described from its declaration', async () => {
    const help = await resnet('sweep', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(
      /--input-scale Input scales s: x drawn from N\(0, I\), then times s: numbers or expressions of depth, blocks, layers, width \[string\] \[default: 1\]/,
    );
    const out = tempDir('input-scale-cli');
    const r = await resnet(
      'sweep',
      '--depths',
      '3',
      '--seeds',
      '1',
      '--archs',
      'plain',
      '--input-scale',
      '1,3',
      '--out',
      out,
      '--no-report',
      '--quiet',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).grid.axes).toEqual({ inputScale: [1, 3] });
  });
});
