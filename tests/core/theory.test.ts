import { describe, expect, it } from 'vitest';
import {
  GroupSums,
  norm,
  notebookStreamMeanField,
  OptionsError,
  residualRuns,
  resolveTheoryOptions,
  runTheory,
  type TheoryOptions,
  type TheoryRow,
} from '@resnet/core';

/** A small table: few seeds, short nets, a 2 x 2 Hanin grid whose pair (8 x 4, 16 x 8) has equal beta. */
const SMALL: TheoryOptions = {
  seeds: 400,
  depth: 6,
  deepDepth: 12,
  blocks: 4,
  haninSeeds: 400,
  haninGrid: [
    { width: 8, depth: 4 },
    { width: 8, depth: 8 },
    { width: 16, depth: 8 },
    { width: 16, depth: 16 },
  ],
  haninPair: [
    { width: 8, depth: 4 },
    { width: 16, depth: 8 },
  ],
};

const table = runTheory(SMALL);
const row = (id: string): TheoryRow => {
  const r = table.rows.find((x) => x.id === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
};
const inside = (x: number, r: TheoryRow) => r.ci !== null && r.ci[0] <= x && x <= r.ci[1];

describe('runTheory at small size', () => {
  it('returns rows 1a..5c in order, each with a verdict that follows its own numbers', () => {
    expect(table.rows.map((r) => r.id)).toEqual([
      '1a',
      '1b',
      '1c',
      '1d',
      '1e',
      '1f',
      '1g',
      '1h',
      '1i',
      '1j',
      '2a',
      '2b',
      '3a',
      '3b',
      '4a',
      '4b',
      '4c',
      '4d',
      '5a',
      '5b',
      '5c',
    ]);
    for (const r of table.rows) {
      if (r.rule.startsWith('predicted inside'))
        expect(r.agreement, r.id).toBe(inside(r.predicted, r) ? 'agrees' : 'fails');
      expect(Number.isFinite(r.measured), r.id).toBe(true);
    }
    expect(table.predictions.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('is deterministic: the same options give the same rows', () => {
    const again = runTheory({ ...SMALL, predictions: [2, 4] });
    expect(again.rows).toEqual(table.rows.filter((r) => r.prediction === 2 || r.prediction === 4));
  });

  it('reports progress once per network, ending at the total', () => {
    const calls: [number, number][] = [];
    runTheory({ ...SMALL, predictions: [3], onProgress: (done, total) => calls.push([done, total]) });
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});

describe('prediction 1: sigma_w^2/2 per layer (zero-mean dout) and the notebook case', () => {
  it('agrees for every gain, forward and backward, and the CI is tight enough to reject a neighbouring gain’s slope', () => {
    const gains = [1.5, 1.5, 2, 2, 2.5, 2.5];
    ['1a', '1b', '1c', '1d', '1e', '1f'].forEach((id, i) => {
      const r = row(id);
      expect(r.agreement, id).toBe('agrees');
      expect(r.predicted).toBeCloseTo(Math.log(gains[i] / 2), 12);
      // A deliberately wrong law (the slope of the next gain, ln(sigma_w^2/2) +- 0.2) falls outside the CI.
      expect(inside(r.predicted + 0.2, r) || inside(r.predicted - 0.2, r), id).toBe(false);
    });
  });

  it('first/last mean ||dW||^2 is about 1 with a zero-mean dout and several times 1 in the notebook case', () => {
    expect(row('1g').agreement).toBe('agrees');
    expect(row('1h').agreement).toBe('fails');
    expect(row('1h').measured).toBeGreaterThan(2);
    expect(row('1h').detail).toMatch(/Either assumption alone keeps it/);
  });

  it('draws the He law over the measured bands: E||h_l||^2 = n (sigma_w^2/2)^(l+1)', () => {
    const fig = table.predictions[0].figure;
    const fwd = fig.series.find((s) => s.name === 'σ² = 2.5: ||h_l||²')!;
    expect(fwd.points.length).toBe(5);
    expect(fwd.points[2].theory).toBeCloseTo(16 * 1.25 ** 3, 10);
    for (const p of fwd.points) expect(p.lo! <= p.mean! && p.mean! <= p.hi!).toBe(true);
  });
});

describe('predictions 2 and 3: exact identities with eta = 0', () => {
  it('holds to ~1e-16 for lambda = 0.9 and 1.1 (rows 2a, 2b) and eta = 0 (3a, 3b)', () => {
    for (const id of ['2a', '2b', '3a', '3b']) expect(row(id).agreement, id).toBe('agrees');
    expect(row('2a').measured).toBeCloseTo(0.9 ** 4, 14);
    expect(Number(/largest relative error (\S+)/.exec(row('2a').detail)![1])).toBeLessThan(1e-14);
  });

  it('a deliberately wrong shortcut scale (lambda off by 1e-9) or a branch of 1e-9 breaks the 1e-12 rule', () => {
    let wrongLambda = 0;
    let tinyBranch = 0;
    residualRuns({ blocks: 4, width: 16, block: 'notebook', branchScale: 0, shortcutScale: 0.9 }, 20, (_s, ws) => {
      const top = norm(ws.blockGrad[4]);
      for (let b = 0; b <= 4; b++)
        wrongLambda = Math.max(wrongLambda, Math.abs(norm(ws.blockGrad[b]) / top / (0.9 + 1e-9) ** (4 - b) - 1));
    });
    residualRuns({ blocks: 4, width: 16, block: 'preact', branchScale: 1e-9, shortcutScale: 1 }, 20, (_s, ws) => {
      tinyBranch = Math.max(tinyBranch, Math.abs(norm(ws.blockOut[4]) / norm(ws.blockOut[0]) - 1));
    });
    expect(wrongLambda).toBeGreaterThan(1e-12);
    expect(tinyBranch).toBeGreaterThan(1e-12);
  });
});

describe('prediction 4: (1 + eta^2)^B for preact', () => {
  it('holds with a linear input projection, fails with the ReLU one by a large factor, and the notebook block grows faster than sqrt(2)', () => {
    const law = 1.25 ** 4;
    expect(row('4a').predicted).toBeCloseTo(law, 12);
    expect(row('4a').agreement).toBe('agrees');
    expect(row('4b').agreement).toBe('fails');
    expect(row('4b').measured / law).toBeGreaterThan(1.3);
    // A wrong law, one block more, lies outside 4a's CI.
    expect(inside(1.25 ** 5, row('4a'))).toBe(false);
    expect(row('4c').agreement).toBe('agrees');
    expect(row('4c').ci![0]).toBeGreaterThan(Math.SQRT2);
  });
});

describe('prediction 4d: the mean-field recursion of the notebook block', () => {
  it('starts at q_1 = 2 + 2/pi (E||branch||^2 = ||x||^2 plus the cross term 2m sqrt(q/pi) with m_0 = 1/sqrt(pi))', () => {
    const q = notebookStreamMeanField(2);
    expect(q[0]).toBe(1);
    expect(q[1]).toBeCloseTo(2 + 2 / Math.PI, 14);
  });

  it('matches a wide net (width 64, 3 blocks, 400 seeds) within its 99% CI, and the row reports the ratio at width 16', () => {
    const sums = new GroupSums(2);
    residualRuns({ blocks: 3, width: 64, block: 'notebook', branchScale: 1, shortcutScale: 1 }, 400, (seed, ws) =>
      sums.add(seed, [norm(ws.blockOut[0]) ** 2, norm(ws.blockOut[3]) ** 2]),
    );
    const e = sums.estimate((m) => m[1] / m[0]);
    const q3 = notebookStreamMeanField(3)[3];
    expect(e.ci[0] <= q3 && q3 <= e.ci[1]).toBe(true);
    // A wrong recursion (no cross term: q' = 2q, i.e. 8 after 3 blocks) is far outside.
    expect(e.ci[0]).toBeGreaterThan(8 * 1.5);
    expect(row('4d').predicted).toBeCloseTo(notebookStreamMeanField(4)[4], 10);
  });
});

describe('prediction 5: Hanin, Var ln ||h_L||^2 against beta', () => {
  it('agrees with the exact finite-width variance over the grid; the variance grows with beta at each width', () => {
    expect(row('5b').agreement).toBe('agrees');
    const fig = table.predictions[4].figure;
    for (const s of fig.series.filter((x) => x.name.startsWith('width'))) {
      expect(s.points.length).toBe(2);
      expect(s.points[1].mean!).toBeGreaterThan(s.points[0].mean!);
    }
    // The exact variance exceeds 5 beta at small widths, and 5b's CI excludes 5 beta's sum where it differs by > 30%.
    expect(row('5a').measured).toBeGreaterThan(1.2);
    // At widths 8 and 16 the leading order 5·beta is rejected: its CI excludes 1 (the exact sum's includes it).
    expect(row('5a').agreement).toBe('fails');
  });

  it('compares the equal-beta pair by the ratio of their variances', () => {
    expect(row('5c').predicted).toBe(1);
    expect(row('5c').quantity).toBe('Var(8x4) / Var(16x8)');
    expect(row('5c').ci![0]).toBeLessThan(row('5c').ci![1]);
  });
});

describe('resolveTheoryOptions', () => {
  it('names the option, what was given and what is accepted', () => {
    expect(() => resolveTheoryOptions({ seeds: 5 })).toThrow(/seeds must be an integer >= 20; got 5/);
    expect(() =>
      resolveTheoryOptions({
        haninPair: [
          { width: 3, depth: 4 },
          { width: 16, depth: 10 },
        ],
      }),
    ).toThrow(/haninPair\[0\] must be a cell of haninGrid; got "3x4"/);
    expect(() => resolveTheoryOptions({ predictions: [6] })).toThrow(OptionsError);
    expect(() => resolveTheoryOptions({ depth: 2 })).toThrow(/depth must be an integer >= 3/);
  });

  it('defaults haninSeeds to half the seeds', () => {
    expect(resolveTheoryOptions({ seeds: 300 }).haninSeeds).toBe(150);
    expect(resolveTheoryOptions().seeds).toBe(1000);
  });
});
