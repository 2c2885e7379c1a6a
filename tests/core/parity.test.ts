import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cell, cellLayout, cellNormalCount, createRng, decodeCell, resolveNetworkConfig, runCell } from '@resnet/core';
import { maxRelError } from './helpers/expectClose.js';
import { readGoldenJson, type GoldenCell } from './helpers/golden.js';

const RTOL = 1e-11;
const grid = readGoldenJson<{ cells: GoldenCell[] }>('golden_grid.json');

describe('cell reproduces the numpy golden grid', () => {
  it('covers all 1,600 cells of golden_grid.json', () => {
    expect(grid.cells.length).toBe(1600);
  });

  it('matches grad_norms, layer_grad_norms, act_norms, x_norm, ratio and ratio_eps within rtol 1e-11', () => {
    let worst = 0;
    const failures: string[] = [];
    for (const g of grid.cells) {
      const r = runCell({ arch: g.arch, depth: g.depth, seed: g.seed });
      const errs = [
        maxRelError(r.gradNorms, g.grad_norms),
        maxRelError(r.actNorms, g.act_norms),
        maxRelError([r.xNorm, r.ratio, r.ratioEps], [g.x_norm, g.ratio, g.ratio_eps]),
        g.layer_grad_norms ? maxRelError(r.layerGradNorms, g.layer_grad_norms) : 0,
      ];
      const err = Math.max(...errs);
      if (!(err <= RTOL)) failures.push(`${g.arch} depth ${g.depth} seed ${g.seed}: rel err ${err}`);
      worst = Math.max(worst, err);
    }
    expect(failures).toEqual([]);
    expect(worst).toBeLessThan(RTOL);
  });

  it('reports plain layerGradNorms equal to gradNorms and residual gradNorms as per-block means', () => {
    const plain = runCell({ arch: 'plain', depth: 6, seed: 1 });
    expect(plain.layerGradNorms).toEqual(plain.gradNorms);
    const res = runCell({ arch: 'residual', depth: 3, seed: 1 });
    expect(res.layerGradNorms).toHaveLength(8);
    expect(res.gradNorms).toHaveLength(5);
    expect(res.gradNorms[2]).toBe((res.layerGradNorms[3] + res.layerGradNorms[4]) / 2);
  });
});

describe('cell with a pre-drawn seed stream', () => {
  it('is bit-identical to drawing, for every arch and depth reading a prefix of one stream', () => {
    const seed = 17;
    const stream = createRng(seed).fillNormal(
      new Float64Array(cellNormalCount(resolveNetworkConfig({ arch: 'residual', depth: 12 }))),
    );
    for (const arch of ['plain', 'residual'] as const) {
      for (const depth of [2, 5, 12]) {
        const spec = { arch, depth, seed };
        const layout = cellLayout(spec);
        const drawn = new Float64Array(layout.length);
        const replayed = new Float64Array(layout.length + 3);
        cell(spec, drawn);
        cell(spec, replayed, 3, stream);
        expect(replayed.subarray(3)).toEqual(drawn);
      }
    }
  });

  it('rejects a stream shorter than the cell needs', () => {
    const spec = { arch: 'plain' as const, depth: 5, seed: 0 };
    expect(() => cell(spec, new Float64Array(100), 0, new Float64Array(10))).toThrow(
      /stream must have at least 1296 elements; got 10/,
    );
  });

  it('writes at an offset and decodes back', () => {
    const spec = { arch: 'residual' as const, depth: 4, seed: 9 };
    const layout = cellLayout(spec);
    const buf = new Float64Array(layout.length + 10).fill(-1);
    cell(spec, buf, 10);
    expect(buf.subarray(0, 10).every((v) => v === -1)).toBe(true);
    expect(decodeCell(spec, buf, 10)).toEqual(runCell(spec));
  });

  it('gives bit-identical output for the same seed run twice', () => {
    expect(runCell({ arch: 'residual', depth: 9, seed: 5 })).toEqual(runCell({ arch: 'residual', depth: 9, seed: 5 }));
  });
});

describe('cell reproduces held-out cells (depths 7, 13, 26, 33; seeds 1000..1019) made by the same numpy reference', () => {
  const holdout = JSON.parse(
    readFileSync(new URL('../fixtures/golden/holdout_grid.json', import.meta.url), 'utf8'),
  ) as { cells: GoldenCell[] };

  it('matches every metric within rtol 1e-11', () => {
    expect(holdout.cells.length).toBe(160);
    for (const g of holdout.cells) {
      const r = runCell({ arch: g.arch, depth: g.depth, seed: g.seed });
      const err = Math.max(
        maxRelError(r.gradNorms, g.grad_norms),
        maxRelError(r.actNorms, g.act_norms),
        maxRelError([r.xNorm, r.ratio, r.ratioEps], [g.x_norm, g.ratio, g.ratio_eps]),
        g.layer_grad_norms ? maxRelError(r.layerGradNorms, g.layer_grad_norms) : 0,
      );
      expect(err, `${g.arch} depth ${g.depth} seed ${g.seed}`).toBeLessThan(RTOL);
    }
  });
});
