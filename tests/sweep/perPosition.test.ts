import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCell, weightLayerCount } from '@resnet/core';
import { GridError, compileExpression, mergeSweeps, parseAxes, readCells, runSweep, type CellRow } from '@resnet/sweep';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

afterAll(cleanTemp);

const rows = async (dir: string, format: 'parquet' | 'jsonl') => {
  const out: CellRow[] = [];
  await readCells(dir, (c) => out.push(c), { format });
  return out;
};

describe('per-position expressions: `block` in the scales, `layer` in sigmaW2', () => {
  const base = {
    depths: [3, 5],
    seeds: { start: 1, count: 2 },
    threads: 1,
    formats: ['parquet' as const, 'jsonl' as const],
  };
  let dir: string;
  beforeAll(async () => {
    dir = (
      await runSweep({
        ...base,
        axes: { branchScale: [1, '1/sqrt(block)'], sigmaW2: ['2 + 0.1*layer'] },
        out: tempDir('per-position'),
      })
    ).out;
  });

  it('a cell with eta_b = 1/sqrt(block), sigma_w^2 = 2 + 0.1*layer equals core run with those arrays', async () => {
    for (const format of ['parquet', 'jsonl'] as const) {
      const cells = await rows(dir, format);
      // Plain nets take no residual-only axis: 2 depths x 2 seeds plain, 2 branch scales x 2 depths x 2 seeds residual.
      expect(cells).toHaveLength(2 * 2 + 2 * 2 * 2);
      for (const c of cells) {
        // The arrays computed here in plain JS, independently of mathjs.
        const sigmaW2 = Array.from({ length: weightLayerCount(c.arch, c.depth) }, (_, i) => 2 + 0.1 * (i + 1));
        const perBlock = c.branchScaleExpr === '1/sqrt(block)';
        const branchScale =
          perBlock && c.arch === 'residual' ? Array.from({ length: c.depth }, (_, i) => 1 / Math.sqrt(i + 1)) : 1;
        const want = runCell({ arch: c.arch, depth: c.depth, seed: c.seed, sigmaW2, branchScale });
        expect(c.ratio).toBe(want.ratio);
        expect(c.gradNorms).toEqual(want.gradNorms);
        expect(c.actNorms).toEqual(want.actNorms);
        // A per-position value has no single number: NaN, with the text beside it; a scalar keeps its number.
        expect(c.sigmaW2).toBeNaN();
        expect(c.sigmaW2Expr).toBe('2 + 0.1*layer');
        if (c.arch === 'plain') expect(c).not.toHaveProperty('branchScale');
        else if (perBlock) expect(c.branchScale).toBeNaN();
        else expect(c.branchScale).toBe(1);
      }
      // The per-block scale changes residual cells, and per-layer sigma_w^2 differs from a scalar 2.
      const r = cells.filter((c) => c.arch === 'residual' && c.depth === 5 && c.seed === 1);
      expect(r[0]!.ratio).not.toBe(r[1]!.ratio);
      expect(r[0]!.ratio).not.toBe(runCell({ arch: 'residual', depth: 5, seed: 1 }).ratio);
    }
  });

  it('two shards on two threads merge into the single run, byte for byte', async () => {
    const axes = { branchScale: [1, '1/sqrt(block)'], sigmaW2: ['2 + 0.1*layer'] };
    const shards = [];
    for (const index of [1, 2])
      shards.push(
        (await runSweep({ ...base, threads: 2, axes, shard: { index, count: 2 }, out: tempDir('per-position-shard') }))
          .out,
      );
    const merged = await mergeSweeps(shards, tempDir('per-position-merged'));
    expect(folderDifference(dir, merged.out)).toBeNull();
  });

  it('summary.csv writes NaN in the numeric column and the expression text beside it', () => {
    const lines = readFileSync(join(dir, 'summary.csv'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toMatch(/^arch,sigmaW2,sigmaW2Expr,branchScale,branchScaleExpr,depth,count,/);
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^plain,NaN,2 \+ 0\.1\*layer,,,3,2,/);
    expect(lines[3]).toMatch(/^residual,NaN,2 \+ 0\.1\*layer,1,1,3,2,/);
    expect(lines[6]).toMatch(/^residual,NaN,2 \+ 0\.1\*layer,NaN,1\/sqrt\(block\),5,2,/);
  });

  it.each([
    [
      { branchScale: 'layer/10' },
      /--branch-scale: got "layer\/10".*The symbol "layer" \(the 1-based weight layer index\) is not allowed in --branch-scale/,
    ],
    [{ shortcutScale: '1,1 - 0.01*layer' }, /--shortcut-scale: got "1 - 0\.01\*layer".*The symbol "layer"/],
    [
      { sigmaW2: '2 + block' },
      /--sigma-w2: got "2 \+ block".*The symbol "block" \(the 1-based residual block index\) is not allowed in --sigma-w2/,
    ],
  ])('%o: the other position symbol is a usage error naming the flag and the symbol', (texts, message) => {
    expect(() => parseAxes(texts)).toThrowError(GridError);
    expect(() => parseAxes(texts)).toThrowError(message);
  });

  it('accepts each axis its own position symbol', () => {
    expect(
      parseAxes({ branchScale: '1/sqrt(block)', shortcutScale: 'pow(0.9, block)', sigmaW2: '2*(1+1/width) + 0*layer' }),
    ).toEqual({
      branchScale: ['1/sqrt(block)'],
      shortcutScale: ['pow(0.9, block)'],
      sigmaW2: ['2*(1+1/width) + 0*layer'],
    });
    expect(compileExpression('--sigma-w2', '2 + 0.1*layer*width').symbols).toEqual(['layer', 'width']);
  });

  it('a value that is negative at some position is refused before any work, naming the position', async () => {
    const grid = { depths: [4], seeds: { start: 0, count: 1 }, out: join(tempDir('per-position-neg'), 'never') };
    await expect(runSweep({ ...grid, axes: { sigmaW2: ['3 - layer'] } })).rejects.toThrowError(
      /--sigma-w2: got "3 - layer".*>= 0.*At plain depth 4 .*layer 4\) it is -1/,
    );
    await expect(
      runSweep({ ...grid, archs: ['residual'], axes: { branchScale: ['1/(block-2)'] } }),
    ).rejects.toThrowError(/--branch-scale: .*finite.*At residual depth 4 .*block 2\) it is Infinity/);
  });
});
