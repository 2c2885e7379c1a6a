import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDepths, runSweep } from '@resnet/sweep';
import { cleanTemp, readCells, repoRoot, tempDir } from './helpers.js';

interface GoldenCell {
  arch: string;
  depth: number;
  seed: number;
  grad_norms: number[];
  layer_grad_norms?: number[];
  act_norms: number[];
  x_norm: number;
  ratio: number;
  ratio_eps: number;
}

const RTOL = 1e-11;
const golden = JSON.parse(readFileSync(resolve(repoRoot, 'tests/fixtures/golden/golden_grid.json'), 'utf8')) as { cells: GoldenCell[] };

/** Largest relative error between equal-length arrays (Infinity on a length mismatch). */
function relError(actual: readonly number[], expected: readonly number[]): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.abs(expected[i]!));
  return worst;
}

afterAll(cleanTemp);

describe('a pool sweep of the golden grid', () => {
  it('matches numpy on all 1,600 cells (rtol 1e-11 on grad, layer grad and act norms, x_norm, ratio, ratio_eps)', async () => {
    const r = await runSweep({ depths: parseDepths('5..40:5'), seeds: { start: 0, count: 100 }, threads: 2, out: tempDir('golden') });
    expect(r.cellCount).toBe(1600);
    const cells = readCells(r.out);
    expect(cells).toHaveLength(golden.cells.length);
    const failures: string[] = [];
    cells.forEach((c, i) => {
      const g = golden.cells[i]!;
      expect([c['arch'], c['depth'], c['seed']]).toEqual([g.arch, g.depth, g.seed]);
      const err = Math.max(
        relError(c['gradNorms'] as number[], g.grad_norms),
        relError(c['layerGradNorms'] as number[], g.layer_grad_norms ?? g.grad_norms), // plain: layer = grad norms
        relError(c['actNorms'] as number[], g.act_norms),
        relError([c['xNorm'], c['ratio'], c['ratioEps']] as number[], [g.x_norm, g.ratio, g.ratio_eps]),
      );
      if (!(err <= RTOL)) failures.push(`${g.arch} depth ${g.depth} seed ${g.seed}: rel err ${err}`);
    });
    expect(failures).toEqual([]);
  });
});
