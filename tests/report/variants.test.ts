import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCell, summaryStats } from '@resnet/core';
import { loadSweep, sweepFigures, type SweepData } from '@resnet/report';
import { runSweep } from '@resnet/sweep';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

const root = mkdtempSync(join(tmpdir(), 'report-variants-'));
let data: SweepData;
beforeAll(async () => {
  const out = join(root, 'axes');
  await runSweep({
    depths: [6, 10],
    seeds: { start: 0, count: 3 },
    threads: 1,
    out,
    axes: { block: ['notebook', 'preact'], branchScale: [1, 'max(0.5, 1/sqrt(depth))'], depthUnit: 'layers' },
  });
  data = await loadSweep(out, { arrays: 'all' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a sweep over variant axes in the report', () => {
  it('loads the folder: depths in the grid unit, each cell labelled with its variant, summary rows with their axes', () => {
    expect(data.manifest.grid.axes).toEqual({
      block: ['notebook', 'preact'],
      branchScale: [1, 'max(0.5, 1/sqrt(depth))'],
      depthUnit: 'layers',
    });
    // Plain nets take no residual-only axis: one plain variant, four residual ones; 2 depths, 3 seeds.
    expect(data.cells).toHaveLength((1 + 4) * 2 * 3);
    expect(new Set(data.cells.map((c) => c.depth))).toEqual(new Set([6, 10]));
    expect(data.cells.slice(0, 4).map((c) => c.variant)).toEqual(['', '', 'notebook, eta=1', 'notebook, eta=1']);
    expect(data.summary.rows[0]!.axes).toEqual({
      block: '',
      branchScale: '',
      branchScaleExpr: '',
      depthUnit: 'layers',
    });
    const row = data.summary.rows.find(
      (r) => r.arch === 'residual' && r.depth === 10 && r.axes?.['block'] === 'preact' && r.axes['branchScale'] !== '1',
    )!;
    expect(row.axes).toEqual({
      block: 'preact',
      branchScale: '0.5',
      branchScaleExpr: 'max(0.5, 1/sqrt(depth))',
      depthUnit: 'layers',
    });
    expect(row.count).toBe(3);
    expect(row.values['ratio_median']).toBe(
      summaryStats(
        Float64Array.from(
          [0, 1, 2],
          (seed) => runCell({ arch: 'residual', depth: 4, seed, block: 'preact', branchScale: 0.5 }).ratio,
        ),
      ).median,
    );
  });

  it('draws the ratio bands per (arch, variant) in a fifth figure, its medians those of core cells', () => {
    const figures = sweepFigures(data.cells);
    expect(figures.map((f) => f.name)).toEqual([
      'grad-profile',
      'ratio-depth',
      'act-profile',
      'ratio-distribution',
      'ratio-depth-variants',
      'patterns',
      'identity',
    ]);
    const fig = figures[4]!;
    // One panel per architecture (at most six variants each), colour by variant.
    type Row = { label: string; x: number; median: number; n: number };
    const panels = (fig.spec as { concat: { data: { values: Row[] } }[] }).concat;
    expect(panels).toHaveLength(2);
    const rows = panels.flatMap((p) => p.data.values);
    expect(new Set(rows.map((r) => r.label))).toEqual(
      new Set([
        'plain',
        'residual: notebook, eta=1',
        'residual: notebook, eta=max(0.5, 1/sqrt(depth))',
        'residual: preact, eta=1',
        'residual: preact, eta=max(0.5, 1/sqrt(depth))',
      ]),
    );
    const preact = rows.find((r) => r.label === 'residual: preact, eta=max(0.5, 1/sqrt(depth))' && r.x === 6)!;
    // 6 weight layers = 2 blocks; eta = max(0.5, 1/sqrt(6)).
    const eta = Math.max(0.5, 1 / Math.sqrt(6));
    const want = summaryStats(
      Float64Array.from(
        [0, 1, 2],
        (seed) => runCell({ arch: 'residual', depth: 2, seed, block: 'preact', branchScale: eta }).ratio,
      ),
    ).median;
    expect(preact.median).toBe(want);
    expect(preact.n).toBe(3);
    expect(fig.caption).toMatch(
      /5 curves .*depth counts weight layers for both nets\. At depth 10 the median runs from /,
    );
    // Figures 1 to 4 show the first variant only, and say so.
    expect(figures[1]!.caption).toMatch(/^Variant “notebook, eta=1” only, the first of the sweep’s 4/);
  });

  it('a sweep in --depth-unit layers alone has no variants, and its captions count weight layers for both nets', async () => {
    const out = join(root, 'layers');
    await runSweep({ depths: [6, 10], seeds: { start: 0, count: 2 }, threads: 1, out, axes: { depthUnit: 'layers' } });
    const layers = await loadSweep(out);
    expect(layers.cells.every((c) => c.variant === undefined && c.depthUnit === 'layers')).toBe(true);
    const figures = sweepFigures(layers.cells);
    expect(figures.map((f) => f.name)).toEqual([
      'grad-profile',
      'ratio-depth',
      'act-profile',
      'ratio-distribution',
      'patterns',
      'identity',
    ]);
    expect(figures[0]!.caption).toContain(
      'the plain net’s 10 layers and the residual net’s 10 weight layers (4 blocks of two',
    );
    expect(figures[1]!.caption).toContain('Depth counts weight layers for both nets (--depth-unit layers)');
    expect(JSON.stringify(figures[1]!.spec)).toContain('Depth (weight layers)');
  });

  it('leaves the report of a sweep without axes as it was (no variant figure, no note)', async () => {
    const { dir } = await writeReportSweepFolder({ depths: [4, 8], seeds: 3 }, join(root, 'plain'));
    const plain = await loadSweep(dir);
    expect(plain.cells.every((c) => c.variant === undefined)).toBe(true);
    expect(plain.summary.rows.every((r) => r.axes === undefined)).toBe(true);
    const figures = sweepFigures(plain.cells);
    expect(figures.map((f) => f.name)).toEqual([
      'grad-profile',
      'ratio-depth',
      'act-profile',
      'ratio-distribution',
      'patterns',
      'identity',
    ]);
    expect(figures.some((f) => f.caption.includes('Variant'))).toBe(false);
    expect(figures[0]!.caption).toContain(
      'the plain net’s 8 layers and the residual net’s 18 weight layers (8 blocks of two',
    );
    expect(figures[1]!.caption).toContain('Depth counts layers for the plain net but blocks for the residual net');
  });
});
