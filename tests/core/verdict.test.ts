import { describe, expect, it } from 'vitest';
import {
  createRng,
  decide,
  decideExact,
  GroupSums,
  jackknife,
  MIN_EFFECTIVE_SEEDS,
  measureUnit,
  plainRun,
  relError,
  type SeedUnit,
  slopeRow,
  type TheoryRow,
} from '@resnet/core';

/** A mean of seeds drawn from draw(rng), as GroupSums. */
function sample(seeds: number, draw: () => number): GroupSums {
  const s = new GroupSums(1);
  for (let i = 0; i < seeds; i++) s.add(i, [draw()]);
  return s;
}
const normal = (mu: number, sd: number, seed: number) => {
  const rng = createRng(seed);
  return () => mu + sd * rng.normal();
};

describe('the verdict rule: agrees only when the data could have shown otherwise', () => {
  const tol = { kind: 'absolute' as const, value: 0.1 };
  it('agrees when the interval lies inside the tolerance band, fails when it lies clear of it, and is inconclusive between', () => {
    const at = (lo: number, hi: number, value = (lo + hi) / 2) =>
      decide({
        predicted: 1,
        estimate: { value, se: 0, ci: [lo, hi], level: 0.99, scale: 'linear' },
        tolerance: tol,
        seeds: 1000,
      });
    expect(at(0.95, 1.05).verdict).toBe('agrees');
    expect(at(1.15, 1.3).verdict).toBe('fails');
    expect(at(0.5, 0.85).verdict).toBe('fails');
    // The prediction inside a wide interval is not agreement: the interval reaches past the band's edge.
    const wide = at(0.6, 1.4, 1);
    expect(wide.verdict).toBe('inconclusive');
    expect(wide.seedsNeeded).toBeGreaterThan(1000);
    expect(wide.reason).toMatch(/seeds would decide it/);
    // An interval that excludes the prediction but stays within the tolerance agrees (a deviation inside the tolerance).
    expect(at(1.02, 1.08).verdict).toBe('agrees');
  });

  it('a row with too few seeds is inconclusive, and the seeds it names decide it (true value off by twice the tolerance)', () => {
    // mu = 1.2 against 1 +- 0.1: at 40 seeds (SE 0.16) nothing can be told; the projection's seed count tells it fails.
    const few = sample(40, normal(1.2, 1, 1));
    const d = decide({ predicted: 1, estimate: few.estimate((m) => m[0]!, 0.99), tolerance: tol, seeds: 40 });
    expect(d.verdict).toBe('inconclusive');
    const n = 2 * d.seedsNeeded!;
    const more = sample(n, normal(1.2, 1, 1));
    expect(
      decide({ predicted: 1, estimate: more.estimate((m) => m[0]!, 0.99), tolerance: tol, seeds: n }).verdict,
    ).toBe('fails');
  });

  it('never agrees with a wrong law, at any seed count (mu = 1.25 against 1 +- 0.1, 20 to 20,000 seeds)', () => {
    for (const seeds of [20, 200, 2000, 20000]) {
      const s = sample(seeds, normal(1.25, 1, seeds));
      const d = decide({ predicted: 1, estimate: s.estimate((m) => m[0]!, 0.99), tolerance: tol, seeds });
      expect(d.verdict, String(seeds)).not.toBe('agrees');
    }
  });

  it('decides a relative tolerance on the log scale and a bound from one side', () => {
    const e = { value: 2, se: 0, ci: [1.9, 2.1] as [number, number], level: 0.99, scale: 'log' as const };
    expect(
      decide({ predicted: 2.05, estimate: e, tolerance: { kind: 'relative', value: 0.1 }, seeds: 100 }).verdict,
    ).toBe('agrees');
    expect(
      decide({ predicted: 1.5, estimate: e, tolerance: { kind: 'relative', value: 0.1 }, seeds: 100 }).verdict,
    ).toBe('fails');
    expect(decide({ predicted: Math.SQRT2, estimate: e, tolerance: { kind: 'above' }, seeds: 100 }).verdict).toBe(
      'agrees',
    );
    expect(decide({ predicted: 2.5, estimate: e, tolerance: { kind: 'above' }, seeds: 100 }).verdict).toBe('fails');
    expect(decide({ predicted: 2, estimate: e, tolerance: { kind: 'above' }, seeds: 100 }).verdict).toBe(
      'inconclusive',
    );
  });

  it('does not trust a mean that a few seeds carry: fewer effective seeds than the minimum is inconclusive, saying what it would say', () => {
    const e = { value: 1, se: 0, ci: [0.99, 1.01] as [number, number], level: 0.99, scale: 'linear' as const };
    const d = decide({
      predicted: 1,
      estimate: e,
      tolerance: tol,
      seeds: 1000,
      effectiveSeeds: MIN_EFFECTIVE_SEEDS / 4,
    });
    expect(d.verdict).toBe('inconclusive');
    expect(d.reason).toMatch(/a few seeds carry the mean .*it would say agrees/);
    expect(d.seedsNeeded).toBeGreaterThanOrEqual(4000);
  });

  it('an undefined interval is inconclusive with no seed count', () => {
    const e = jackknife((skip) => (skip === 0 ? 0 : 1), 0.99, 'log');
    const d = decide({ predicted: 1, estimate: e, tolerance: { kind: 'relative', value: 0.1 }, seeds: 100 });
    expect(d).toMatchObject({ verdict: 'inconclusive', seedsNeeded: null });
  });
});

describe('exact identities', () => {
  it('hold as 0 = 0 (a signal that is zero on both sides), and a NaN is a failure, never a pass', () => {
    expect(relError(0, 0)).toBe(0);
    expect(relError(1e-300, 0)).toBe(1e-300);
    expect(decideExact(0, 1e-12, 'x').verdict).toBe('agrees');
    expect(decideExact(2e-12, 1e-12, 'x').verdict).toBe('fails');
    const nan = decideExact(Number.NaN, 1e-12, 'x');
    expect(nan.verdict).toBe('fails');
    expect(nan.reason).toMatch(/non-finite/);
  });
});

describe('prediction 1 at too few seeds', () => {
  it('is inconclusive at 40 seeds and agrees at 8,000 (forward law, sigma_w^2 = 2, L = 10)', () => {
    const run = plainRun({ depth: 10, width: 16, sigmaW2: 2, outputActivation: 'linear', dout: 'normal' });
    run.extend(40);
    expect(slopeRow('1a', run.sums, 10, 2, 'x', 0.99).verdict).toBe('inconclusive');
    run.extend(8000);
    const row = slopeRow('1a', run.sums, 10, 2, 'x', 0.99);
    expect(row.verdict).toBe('agrees');
    expect(row.seeds).toBe(8000);
  });
});

describe('adaptive seeds (measureUnit)', () => {
  /** A unit of one mean (mu, sd 1) against 0 +- 0.1, and one against a law it cannot reach (on the band's edge). */
  function unit(mu: number): SeedUnit & { runs: number[] } {
    const rng = createRng(9);
    const sums = new GroupSums(1);
    let seeds = 0;
    const runs: number[] = [];
    return {
      label: 'test',
      runs,
      extend(to) {
        runs.push(to);
        for (; seeds < to; seeds++) sums.add(seeds, [mu + rng.normal()]);
      },
      rows(level): TheoryRow[] {
        const e = sums.estimate((m) => m[0]!, level);
        const d = decide({ predicted: 0, estimate: e, tolerance: { kind: 'absolute', value: 0.1 }, seeds });
        return [{ id: 'x', setting: `mu ${mu}`, verdict: d.verdict, seedsNeeded: d.seedsNeeded, seeds } as TheoryRow];
      },
    };
  }

  it('adds seeds until the row is decided, within the plan', () => {
    const u = unit(0);
    const [row] = measureUnit(u, { start: 100, max: 100000, looks: 4, level: 0.9975 });
    expect(row!.verdict).toBe('agrees');
    expect(u.runs.length).toBeGreaterThan(1);
    expect(u.runs.length).toBeLessThanOrEqual(4);
    expect(row!.seeds).toBe(u.runs.at(-1));
  });

  it('stops at the first look when the seeds a row needs exceed the maximum, and says how many', () => {
    const u = unit(0.1); // on the edge of the band: no seed count decides it, or a very large one
    const [row] = measureUnit(u, { start: 200, max: 1000, looks: 4, level: 0.9975 });
    expect(row!.verdict).toBe('inconclusive');
    expect(u.runs).toEqual([200]);
    expect(row!.seedsNeeded === null || row!.seedsNeeded > 1000).toBe(true);
  });
});
