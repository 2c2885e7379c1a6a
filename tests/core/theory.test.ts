import { describe, expect, it } from 'vitest';
import {
  CHECKS,
  decide,
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

/** A small table at fixed seeds: short nets, a 2 x 2 Hanin grid whose pair (8 x 4, 16 x 8) has equal beta. */
const SMALL: TheoryOptions = {
  seeds: 400,
  depth: 6,
  deepDepth: 12,
  blocks: 4,
  haninSeeds: 400,
  approachWidths: [8, 16],
  approachSeeds: 100,
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
const rows = (id: string): TheoryRow[] => table.rows.filter((x) => x.id === id);
const row = (id: string, setting?: string): TheoryRow => {
  const r = rows(id).find((x) => setting === undefined || x.setting.includes(setting));
  if (!r) throw new Error(`no row ${id} ${setting ?? ''}`);
  return r;
};
const inside = (x: number, r: TheoryRow) => r.ci !== null && r.ci[0] <= x && x <= r.ci[1];

describe('runTheory at small size, fixed seeds', () => {
  it('returns each check id of the catalogue, in order, one row per setting', () => {
    expect(table.rows.map((r) => r.id)).toEqual([
      ...['1a', '1a', '1a', '1b', '1b', '1b', '1c', '1c', '1d', '1d', '1e', '1e'],
      ...['2a', '2b', '3a', '3b', '4a', '4b', '4c', '4d', '5a', '5b', '5c'],
    ]);
    for (const r of table.rows) {
      expect(r.law, r.id).toBe(CHECKS[r.id]!.law);
      expect(r.reason.length, r.id).toBeGreaterThan(10);
      expect(Number.isFinite(r.measured), r.id).toBe(true);
    }
    expect(table.predictions.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it("gives each row the verdict of the rule on its own numbers (a fixed run: one look at 99%, the row's tolerance)", () => {
    for (const r of table.rows.filter((x) => x.ci !== null)) {
      expect(r.level).toBe(0.99);
      expect(r.seeds).toBeLessThanOrEqual(400);
      if (r.verdict === 'agrees' && r.tolerance.kind === 'absolute') {
        expect(r.ci![0]).toBeGreaterThanOrEqual(r.predicted - r.tolerance.value);
        expect(r.ci![1]).toBeLessThanOrEqual(r.predicted + r.tolerance.value);
      }
      if (r.verdict === 'fails' && r.tolerance.kind === 'relative')
        expect(
          r.ci![0] > r.predicted * (1 + r.tolerance.value) || r.ci![1] < r.predicted / (1 + r.tolerance.value),
        ).toBe(true);
      if (r.verdict === 'inconclusive') expect(r.reason, r.id).toMatch(/seeds would decide it|no seed count/);
    }
  });

  it('is deterministic: the same options give the same rows', () => {
    const again = runTheory({ ...SMALL, predictions: [2, 4] });
    expect(again.rows).toEqual(table.rows.filter((r) => r.prediction === 2 || r.prediction === 4));
  });

  it('reports progress after each look', () => {
    const calls: string[] = [];
    runTheory({ ...SMALL, predictions: [3], onProgress: (_d, _t, label) => calls.push(label) });
    expect(calls).toEqual([
      'prediction 3: η = 0, notebook block, 400 seeds',
      'prediction 3: η = 0, preact block, 400 seeds',
    ]);
  });
});

describe('prediction 1: sigma_w^2/2 per layer (zero-mean dout) and the notebook case', () => {
  it('measures ln(sigma_w^2/2) per layer within a CI that rejects a neighbouring gain’s slope', () => {
    const gains = [1.5, 2, 2.5];
    for (const id of ['1a', '1b']) {
      rows(id).forEach((r, i) => {
        expect(r.predicted).toBeCloseTo(Math.log(gains[i]! / 2), 12);
        expect(r.tolerance).toEqual({ kind: 'absolute', value: 0.02 });
        // A deliberately wrong law (the slope of the next gain, ln(sigma_w^2/2) +- 0.2) falls outside the CI.
        expect(inside(r.predicted + 0.2, r) || inside(r.predicted - 0.2, r), id).toBe(false);
        expect(r.verdict, id).not.toBe('fails');
      });
    }
  });

  it('the notebook output gradient fails first/last = 1 by a factor of several; its tolerance compounds per layer', () => {
    const nb = row('1d', 'L = 6');
    expect(nb.verdict).toBe('fails');
    expect(nb.measured).toBeGreaterThan(2);
    expect(nb.note).toMatch(/not zero-mean given the activations/);
    expect(nb.tolerance).toEqual({ kind: 'relative', value: 1.02 ** 5 - 1 });
    // Either change alone keeps it near 1, and the zero-mean case too: never a failure.
    for (const r of [...rows('1c'), ...rows('1e')]) expect(r.verdict, r.setting).not.toBe('fails');
  });

  it('draws the He law over the measured bands, one panel per quantity: E||h_l||^2 = n (sigma_w^2/2)^(l+1)', () => {
    const fig = table.predictions[0]!.figure;
    expect([...new Set(fig.series.map((s) => s.panel))]).toEqual([
      'forward ||h_l||²',
      'backward ||δ_l||²',
      'σ² = 2: ||dW_l||²',
    ]);
    const fwd = fig.series.find((s) => s.name === 'σ² = 2.5' && s.panel === 'forward ||h_l||²')!;
    expect(fwd.points.length).toBe(5);
    expect(fwd.points[2]!.theory).toBeCloseTo(16 * 1.25 ** 3, 10);
    for (const s of fig.series)
      for (const p of s.points) expect(0 < p.lo! && p.lo! <= p.mean! && p.mean! <= p.hi!, s.name).toBe(true);
  });
});

describe('predictions 2 and 3: exact identities with eta = 0', () => {
  it('hold to ~1e-16 for lambda = 0.9 and 1.1 (2a backward, 2b forward) and eta = 0 (3a, 3b)', () => {
    for (const id of ['2a', '2b', '3a', '3b']) {
      expect(row(id).verdict, id).toBe('agrees');
      expect(row(id).measured, id).toBeLessThan(1e-14);
      expect(row(id).predicted).toBe(0);
    }
  });

  it('a dead-output seed keeps the identities exact: 0 = 0 passes, and the table says how many seeds had it', () => {
    // Width 2: every output unit is dead for about a quarter of the seeds, so dout stops at the output ReLU and
    // delta = 0 at every block (what seed 9662 does at width 16, below).
    const narrow = runTheory({ seeds: 200, width: 2, blocks: 3, predictions: [2, 3] });
    for (const r of narrow.rows) {
      expect(r.verdict, r.id).toBe('agrees');
      expect(Number.isFinite(r.measured), r.id).toBe(true);
    }
    expect(narrow.rows.find((r) => r.id === '2a')!.note).toMatch(/^\d+ seeds had every output unit dead .* 0 = 0/);
    expect(narrow.rows.find((r) => r.id === '3b')!.note).toMatch(/every output unit dead/);
    for (const p of narrow.predictions)
      for (const s of p.figure.series) for (const pt of s.points) expect(Number.isFinite(pt.mean!), s.name).toBe(true);
  });

  it('seed 9662 at width 16 is such a seed: the backward signal is 0 at every block', () => {
    let top = Number.NaN;
    residualRuns(
      { blocks: 10, width: 16, block: 'notebook', branchScale: 0, shortcutScale: 0.9 },
      9663,
      (_s, ws) => {
        top = norm(ws.blockGrad[10]!);
        expect(norm(ws.blockGrad[0]!)).toBe(0);
      },
      9662,
    );
    expect(top).toBe(0);
  });

  it('a deliberately wrong shortcut scale (lambda off by 1e-9) or a branch of 1e-9 breaks the 1e-12 rule', () => {
    let wrongLambda = 0;
    let tinyBranch = 0;
    residualRuns({ blocks: 4, width: 16, block: 'notebook', branchScale: 0, shortcutScale: 0.9 }, 20, (_s, ws) => {
      const top = norm(ws.blockGrad[4]!);
      for (let b = 0; b <= 4; b++)
        wrongLambda = Math.max(wrongLambda, Math.abs(norm(ws.blockGrad[b]!) / top / (0.9 + 1e-9) ** (4 - b) - 1));
    });
    residualRuns({ blocks: 4, width: 16, block: 'preact', branchScale: 1e-9, shortcutScale: 1 }, 20, (_s, ws) => {
      tinyBranch = Math.max(tinyBranch, Math.abs(norm(ws.blockOut[4]!) / norm(ws.blockOut[0]!) - 1));
    });
    expect(wrongLambda).toBeGreaterThan(1e-12);
    expect(tinyBranch).toBeGreaterThan(1e-12);
  });
});

describe('prediction 4: (1 + eta^2)^B for preact', () => {
  it('a linear input projection is within the tolerance or undecided, the ReLU one fails by a large factor, the notebook block grows faster than sqrt(2)', () => {
    const law = 1.25 ** 4;
    expect(row('4a').predicted).toBeCloseTo(law, 12);
    expect(row('4a').verdict).not.toBe('fails');
    expect(row('4a').limit).toBe('width → ∞');
    expect(row('4b').verdict).toBe('fails');
    expect(row('4b').measured / law).toBeGreaterThan(1.3);
    // A wrong law, one block more, lies outside 4a's CI.
    expect(inside(1.25 ** 5, row('4a'))).toBe(false);
    expect(row('4c').verdict).toBe('agrees');
    expect(row('4c').ci![0]).toBeGreaterThan(Math.SQRT2);
  });

  it("4a's note is about finite width and shows the approach over widths; the ReLU input's mechanism is 4b's alone", () => {
    expect(row('4a').note).toMatch(/width → ∞ law/);
    expect(row('4a').note).toMatch(/measured ÷ law at widths 8, 16: \d/);
    expect(row('4a').note).not.toMatch(/x_0 ≥ 0/);
    expect(row('4b').note).toMatch(/x_0 ≥ 0/);
    const widths = table.predictions[3]!.extraFigures![0]!.figure;
    expect(widths.logX).toBe(true);
    for (const s of widths.series) expect(s.points.map((p) => p.x)).toEqual([8, 16]);
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
      sums.add(seed, [norm(ws.blockOut[0]!) ** 2, norm(ws.blockOut[3]!) ** 2]),
    );
    const e = sums.estimate((m) => m[1]! / m[0]!, 0.99, 'log');
    const q3 = notebookStreamMeanField(3)[3]!;
    expect(e.ci[0] <= q3 && q3 <= e.ci[1]).toBe(true);
    // A wrong recursion (no cross term: q' = 2q, i.e. 8 after 3 blocks) is far outside.
    expect(e.ci[0]).toBeGreaterThan(8 * 1.5);
    expect(row('4d').predicted).toBeCloseTo(notebookStreamMeanField(4)[4]!, 10);
  });
});

describe('prediction 5: Hanin, Var ln ||h_L||^2 against beta', () => {
  it('the leading order 5·beta fails at widths 8 and 16, the exact finite-width variance does not; variance grows with beta', () => {
    expect(row('5b').verdict).not.toBe('fails');
    expect(row('5a').verdict).toBe('fails');
    expect(row('5a').measured).toBeGreaterThan(1.2);
    expect(row('5a').note).toMatch(/exact ÷ 5β = .* at 1024/);
    const fig = table.predictions[4]!.figure;
    for (const s of fig.series.filter((x) => x.name.startsWith('width'))) {
      expect(s.points.length).toBe(2);
      expect(s.points[1]!.mean!).toBeGreaterThan(s.points[0]!.mean!);
    }
  });

  it('compares the equal-beta pair by the ratio of their variances, whose exact value is not 1', () => {
    expect(row('5c').predicted).toBe(1);
    expect(row('5c').limit).toBe('width → ∞ at fixed β');
    expect(row('5c').note).toMatch(/exact finite-width ratio is \d/);
  });
});

describe('adaptive seeds', () => {
  it('a row decided at its first look stops there; an undecided one gets more seeds, up to the maximum, at level 1 - 1%/looks', () => {
    const r = runTheory({ ...SMALL, seeds: undefined, minSeeds: 100, maxSeeds: 800, looks: 3, predictions: [4] });
    expect(r.options.mode).toBe('adaptive');
    for (const x of r.rows) {
      expect(x.level).toBeCloseTo(1 - 0.01 / 3, 12);
      expect(x.seeds).toBeGreaterThanOrEqual(100);
      expect(x.seeds).toBeLessThanOrEqual(800);
    }
    // 4b and 4c are decided at the first look; some row needs more (4d's heavy tail), and gets it.
    expect(r.rows.find((x) => x.id === '4c')!.seeds).toBe(100);
    expect(r.rows.find((x) => x.id === '4b')!).toMatchObject({ verdict: 'fails', seeds: 100 });
    expect(Math.max(...r.rows.map((x) => x.seeds))).toBeGreaterThan(100);
    // The decision rule, re-applied to the row's own interval, gives the row's verdict.
    const a = r.rows.find((x) => x.id === '4a')!;
    const d = decide({
      predicted: a.predicted,
      estimate: { value: a.measured, se: 0, ci: a.ci!, level: a.level!, scale: 'log' },
      tolerance: a.tolerance as { kind: 'relative'; value: number },
      seeds: a.seeds,
    });
    if (d.verdict !== 'inconclusive') expect(a.verdict).toBe(d.verdict);
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
    expect(() => resolveTheoryOptions({ minSeeds: 2000, maxSeeds: 1000 })).toThrow(
      /maxSeeds must be an integer >= minSeeds/,
    );
  });

  it('fixed seeds: one look at 99%, prediction 5 at half the seeds; default: adaptive from 1,000 to 32,000 at 4 looks', () => {
    const fixed = resolveTheoryOptions({ seeds: 300 });
    expect(fixed.mode).toBe('fixed');
    expect(fixed.plan).toEqual({ start: 300, max: 300, looks: 1, level: 0.99 });
    expect(fixed.haninPlan.start).toBe(150);
    const adaptive = resolveTheoryOptions();
    expect(adaptive.mode).toBe('adaptive');
    expect(adaptive.plan).toEqual({ start: 1000, max: 32000, looks: 4, level: 0.9975 });
    expect(adaptive.haninPlan).toEqual({ start: 1000, max: 4000, looks: 4, level: 0.9975 });
  });
});
