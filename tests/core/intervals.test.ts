import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRng,
  type Estimate,
  GroupSums,
  JACKKNIFE_GROUPS,
  jackknife,
  studentTCdf,
  studentTQuantile,
} from '@resnet/core';

interface Reference {
  tQuantiles: { df: number; level: number; q: number }[];
  a: number[];
  b: number[];
  ratio: Estimate[];
  meanA: Estimate[];
  effectiveSeeds: { a: number; b: number };
}
/** Computed independently in Python from the definitions (tests/fixtures/golden/generate/intervals.py). */
const ref: Reference = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/golden/intervals_reference.json'), 'utf8'),
);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('Student t quantiles', () => {
  it('equal the closed forms of df 1 (Cauchy) and df 2 at any level, to 1e-12', () => {
    for (const level of [0.5, 0.9, 0.95, 0.99, 0.9975, 0.9999]) {
      const p = (1 + level) / 2;
      expect(rel(studentTQuantile(1, level), Math.tan(Math.PI * (p - 0.5)))).toBeLessThan(1e-12);
      expect(rel(studentTQuantile(2, level), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)))).toBeLessThan(1e-12);
    }
  });

  it('equal the Python reference (Simpson integration of the density) for df 1 to 30, to 1e-8', () => {
    for (const { df, level, q } of ref.tQuantiles)
      expect(rel(studentTQuantile(df, level), q), `${df} ${level}`).toBeLessThan(1e-8);
  });

  it('tend to the normal quantiles as df grows, and the CDF inverts the quantile', () => {
    // t(df) - z = z (1 + z^2) / (4 df) + O(1/df^2).
    const z = 2.5758293035489004;
    expect(Math.abs(studentTQuantile(1e6, 0.99) - z - (z * (1 + z * z)) / 4e6)).toBeLessThan(1e-9);
    for (const df of [3, 19, 100]) {
      const q = studentTQuantile(df, 0.99);
      expect(Math.abs(studentTCdf(q, df) - 0.995)).toBeLessThan(1e-13);
      expect(Math.abs(studentTCdf(-q, df) - 0.005)).toBeLessThan(1e-13);
    }
  });
});

/** The reference data in GroupSums, seed i in group i mod 20 (as the Python reference deals them). */
function referenceSums(): GroupSums {
  const sums = new GroupSums(2);
  for (const [i, a] of ref.a.entries()) sums.add(i, [a, ref.b[i]!]);
  return sums;
}

describe('the jackknife intervals against the Python reference', () => {
  const sums = referenceSums();
  it('a ratio of means and a mean, on the linear and the log scale, at 95% and 99%: value, SE and interval to 1e-12', () => {
    const cases: [Estimate, (m: Float64Array) => number][] = [
      ...ref.ratio.map((e): [Estimate, (m: Float64Array) => number] => [e, (m) => m[0]! / m[1]!]),
      ...ref.meanA.map((e): [Estimate, (m: Float64Array) => number] => [e, (m) => m[0]!]),
    ];
    for (const [want, f] of cases) {
      const got = sums.estimate(f, want.level, want.scale);
      expect(rel(got.value, want.value)).toBeLessThan(1e-12);
      expect(rel(got.se, want.se)).toBeLessThan(1e-10);
      expect(rel(got.ci[0], want.ci[0])).toBeLessThan(1e-10);
      expect(rel(got.ci[1], want.ci[1])).toBeLessThan(1e-10);
    }
  });

  it("gives Kish's effective number of seeds, (sum x)^2 / sum x^2", () => {
    expect(rel(sums.effectiveSeeds(0), ref.effectiveSeeds.a)).toBeLessThan(1e-12);
    expect(rel(sums.effectiveSeeds(1), ref.effectiveSeeds.b)).toBeLessThan(1e-12);
    // Equal values: every seed counts; one non-zero value: one seed carries it all.
    const flat = new GroupSums(2);
    for (let s = 0; s < 60; s++) flat.add(s, [3, s === 7 ? 5 : 0]);
    expect(flat.effectiveSeeds(0)).toBeCloseTo(60, 12);
    expect(flat.effectiveSeeds(1)).toBeCloseTo(1, 12);
  });
});

describe('intervals of positive quantities stay positive', () => {
  it('on the log scale even where the linear interval crosses zero (heavy tails, few seeds)', () => {
    const rng = createRng(3);
    let crossed = 0;
    for (let rep = 0; rep < 200; rep++) {
      const sums = new GroupSums(2);
      for (let s = 0; s < 40; s++) sums.add(s, [Math.exp(3 * rng.normal()), Math.exp(3 * rng.normal())]);
      const lin = sums.estimate((m) => m[0]! / m[1]!, 0.99, 'linear');
      const log = sums.estimate((m) => m[0]! / m[1]!, 0.99, 'log');
      if (lin.ci[0] <= 0) crossed++;
      expect(log.ci[0]).toBeGreaterThan(0);
      expect(log.ci[0]).toBeLessThanOrEqual(log.value);
      expect(log.ci[1]).toBeGreaterThanOrEqual(log.value);
    }
    // The case the log scale is for: with these tails the linear interval of a ratio often reaches below 0.
    expect(crossed).toBeGreaterThan(20);
  });

  it('covers a known ratio of means at about its level (400 repetitions of a lognormal ratio: 93% to 99.5% at 0.99)', () => {
    // a = e^{g}, b = e^{h}, independent N(0, 0.5^2): E a / E b = 1.
    const rng = createRng(12);
    let covered = 0;
    for (let rep = 0; rep < 400; rep++) {
      const sums = new GroupSums(2);
      for (let s = 0; s < 200; s++) sums.add(s, [Math.exp(0.5 * rng.normal()), Math.exp(0.5 * rng.normal())]);
      const { ci } = sums.estimate((m) => m[0]! / m[1]!, 0.99, 'log');
      if (ci[0] <= 1 && 1 <= ci[1]) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.93);
    expect(covered / 400).toBeLessThan(0.995);
  });

  it('marks an interval it cannot take on the log scale (a non-positive statistic) as undefined, not as a number', () => {
    const e = jackknife((skip) => (skip === 3 ? -1 : 2), 0.99, 'log');
    expect(Number.isNaN(e.ci[0]) && Number.isNaN(e.ci[1])).toBe(true);
    expect(JACKKNIFE_GROUPS).toBe(20);
  });
});
