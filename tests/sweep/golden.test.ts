import { afterAll, describe, expect, it } from 'vitest';
import { parseDepths, runSweep } from '@resnet/sweep';
import { readGoldenJson, type GoldenCell } from '../core/helpers/golden.js';
import { cleanTemp, readCells, tempDir } from './helpers.js';

const RTOL = 1e-11;
const golden = readGoldenJson<{ cells: GoldenCell[] }>('golden_grid.json');

/** Largest relative error between equal-length arrays (Infinity on a length mismatch or a null). */
function relError(actual: readonly unknown[], expected: readonly (number | null)[]): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (typeof a !== 'number' || typeof e !== 'number') return a === e ? worst : Infinity;
    worst = Math.max(worst, Math.abs(a - e) / Math.abs(e));
  }
  return worst;
}

afterAll(cleanTemp);

describe('a pool sweep of the golden grid', () => {
  it('matches numpy on all 1,600 cells (rtol 1e-11 on grad, layer grad and act norms, x_norm, ratio, ratio_eps)', async () => {
    const r = await runSweep({
      depths: parseDepths('5..40:5'),
      seeds: { start: 0, count: 100 },
      threads: 2,
      formats: ['jsonl'],
      out: tempDir('golden'),
    });
    expect(r.cellCount).toBe(1600);
    const cells = readCells(r.out);
    expect(cells).toHaveLength(golden.cells.length);
    const byKey = new Map(cells.map((c) => [`${c['arch']} ${c['depth']} ${c['seed']}`, c]));
    expect(byKey.size).toBe(1600);
    const failures: string[] = [];
    for (const g of golden.cells) {
      const c = byKey.get(`${g.arch} ${g.depth} ${g.seed}`);
      if (!c) {
        failures.push(`${g.arch} depth ${g.depth} seed ${g.seed}: missing`);
        continue;
      }
      const err = Math.max(
        relError(c['gradNorms'] as number[], g.grad_norms),
        relError(c['layerGradNorms'] as number[], g.layer_grad_norms ?? g.grad_norms), // plain: layer = grad norms
        relError(c['actNorms'] as number[], g.act_norms),
        relError([c['xNorm'], c['ratio'], c['ratioEps']], [g.x_norm, g.ratio, g.ratio_eps]),
      );
      if (!(err <= RTOL)) failures.push(`${g.arch} depth ${g.depth} seed ${g.seed}: rel err ${err}`);
    }
    expect(failures).toEqual([]);
  });
});
