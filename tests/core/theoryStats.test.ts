import { describe, expect, it } from 'vitest';
import {
  createRng,
  digamma,
  GroupSums,
  JACKKNIFE_GROUPS,
  jackknife,
  reluLayerLogVariance,
  trigamma,
} from '@resnet/core';

const EULER = 0.5772156649015329;

describe('digamma and trigamma', () => {
  it('equal their closed forms at 1, 1/2 and 10 to 1e-13', () => {
    expect(Math.abs(digamma(1) + EULER)).toBeLessThan(1e-13);
    expect(Math.abs(digamma(0.5) + EULER + 2 * Math.LN2)).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(1) - Math.PI ** 2 / 6)).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(0.5) - Math.PI ** 2 / 2)).toBeLessThan(1e-13);
    // psi(10) = H_9 - gamma; psi'(10) = pi^2/6 - sum_{k<10} 1/k^2.
    let h = 0;
    let s = 0;
    for (let k = 1; k < 10; k++) {
      h += 1 / k;
      s += 1 / (k * k);
    }
    expect(Math.abs(digamma(10) - (h - EULER))).toBeLessThan(1e-13);
    expect(Math.abs(trigamma(10) - (Math.PI ** 2 / 6 - s))).toBeLessThan(1e-13);
  });
});

describe('reluLayerLogVariance: Var ln sum_{i<=n} relu(g_i)^2 given > 0', () => {
  it('matches a Monte Carlo estimate at n = 4 and n = 16 (200k draws; 4 standard errors)', () => {
    const rng = createRng(11);
    for (const n of [4, 16]) {
      const draws = 200_000;
      let s1 = 0;
      let s2 = 0;
      let s4 = 0;
      let kept = 0;
      for (let d = 0; d < draws; d++) {
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const g = rng.normal();
          if (g > 0) sum += g * g;
        }
        if (sum === 0) continue;
        const v = Math.log(sum);
        s1 += v;
        s2 += v * v;
        s4 += v ** 4;
        kept++;
      }
      const mean = s1 / kept;
      const variance = s2 / kept - mean * mean;
      // SE of a sample variance ~ sqrt((m4 - var^2) / n); m4 bounded here by the raw fourth moment around 0 shifted.
      const se = Math.sqrt(Math.max(s4 / kept - (s2 / kept) ** 2, variance ** 2) / kept) * 2;
      expect(Math.abs(reluLayerLogVariance(n) - variance)).toBeLessThan(4 * se);
    }
  });

  it('tends to Hanin’s 5/n: n·Var is 6.7 at n = 16, within 1% of 5 at n = 2000', () => {
    expect(16 * reluLayerLogVariance(16)).toBeGreaterThan(6);
    expect(Math.abs(2000 * reluLayerLogVariance(2000) - 5)).toBeLessThan(0.05);
  });
});

describe('jackknife over seed groups', () => {
  it('gives the batch-means standard error for a mean (equal groups): sd of group means / sqrt(groups)', () => {
    const rng = createRng(5);
    const sums = new GroupSums(1);
    const perGroup = 7;
    const groupMeans = new Float64Array(JACKKNIFE_GROUPS);
    for (let seed = 0; seed < JACKKNIFE_GROUPS * perGroup; seed++) {
      const v = rng.normal() * 3 + 1;
      sums.add(seed, [v]);
      groupMeans[seed % JACKKNIFE_GROUPS] += v / perGroup;
    }
    const m = groupMeans.reduce((a, b) => a + b, 0) / JACKKNIFE_GROUPS;
    const sd = Math.sqrt(groupMeans.reduce((a, b) => a + (b - m) ** 2, 0) / (JACKKNIFE_GROUPS - 1));
    const e = sums.estimate((mean) => mean[0]);
    expect(e.value).toBeCloseTo(m, 12);
    expect(e.se).toBeCloseTo(sd / Math.sqrt(JACKKNIFE_GROUPS), 12);
    // 99% two-sided t with 19 df.
    expect((e.ci[1] - e.value) / e.se).toBeCloseTo(2.8609, 4);
    expect(sums.count()).toBe(140);
    expect(sums.count(3)).toBe(133);
  });

  it('covers the true mean about 95% of the time at level 0.95 (400 repetitions: 90% to 99%)', () => {
    const rng = createRng(8);
    let covered = 0;
    for (let rep = 0; rep < 400; rep++) {
      const sums = new GroupSums(1);
      for (let seed = 0; seed < 60; seed++) sums.add(seed, [rng.normal() ** 2]);
      const { ci } = sums.estimate((m) => m[0], 0.95);
      if (ci[0] <= 1 && 1 <= ci[1]) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.9);
    expect(covered / 400).toBeLessThan(0.99);
  });

  it('evaluates a statistic with each group left out (stat(-1) is the full value)', () => {
    const seen: number[] = [];
    const e = jackknife((skip) => {
      seen.push(skip);
      return skip === -1 ? 10 : 10;
    });
    expect(seen).toEqual([-1, ...Array.from({ length: JACKKNIFE_GROUPS }, (_, g) => g)]);
    expect(e.se).toBe(0);
    expect(e.ci).toEqual([10, 10]);
  });
});
