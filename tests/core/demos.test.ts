import { describe, expect, it } from 'vitest';
import {
  createNetwork,
  createRng,
  depthScaling,
  generatePatterns,
  identityDemo,
  measureGradientFlow,
  summaryStats,
  quantileSorted,
} from '@resnet/core';

describe('generatePatterns', () => {
  it('draws noise from the rng in C order on top of the class line', () => {
    const p = generatePatterns(createRng(4), 3, 5, 0.1);
    const noise = createRng(4).fillNormal(new Float64Array(75));
    const base = [
      (r: number) => r === 2, // horizontal: row 2
      (_r: number, c: number) => c === 3, // vertical: column 3
      (r: number, c: number) => r === c, // diagonal
    ];
    for (let i = 0; i < 3; i++) {
      for (let r = 0; r < 5; r++) {
        for (let c = 0; c < 5; c++) {
          const k = i * 25 + r * 5 + c;
          expect(p.X[k]).toBe((base[i](r, c) ? 1 : 0) + noise[k] * 0.1);
        }
      }
    }
    expect(Array.from(p.y)).toEqual([0, 1, 2]);
  });
});

describe('identityDemo', () => {
  it('returns a block output within 1e-4 of the input when weights are scaled by 0.001', () => {
    const d = identityDemo(createRng(42));
    expect(d.identityError).toBeLessThan(1e-4);
    expect(d.identityError).toBeGreaterThan(0);
    expect(Math.abs(d.outputNorm - d.inputNorm)).toBeLessThan(1e-4);
  });

  it('is not the identity with the usual He scale', () => {
    expect(identityDemo(createRng(42), 16, 1).identityError).toBeGreaterThan(0.1);
  });
});

describe('depthScaling', () => {
  it('draws both nets of a depth before measuring either, as the notebook', () => {
    const rows = depthScaling(createRng(42), [5]);
    const rng = createRng(42);
    const plain = createNetwork({ arch: 'plain', depth: 5 }, rng);
    const res = createNetwork({ arch: 'residual', depth: 5 }, rng);
    const px = rng.fillNormal(new Float64Array(16));
    const rx = rng.fillNormal(new Float64Array(16));
    expect(rows[0].plainRatio).toBe(measureGradientFlow(plain, px).ratioEps);
    expect(rows[0].resnetRatio).toBe(measureGradientFlow(res, rx).ratioEps);
  });
});

describe('summaryStats', () => {
  it('matches numpy linear quantiles and leaves out non-finite values', () => {
    const s = summaryStats([4, NaN, 1, 3, 2, Infinity, 10]);
    expect(s.count).toBe(5);
    expect(s.nonFinite).toBe(2);
    expect(s.median).toBe(3);
    // np.percentile([1,2,3,4,10], [5, 25, 75, 95]) = 1.2, 2, 4, 8.8
    expect(s.p5).toBeCloseTo(1.2, 14);
    expect(s.p25).toBe(2);
    expect(s.p75).toBe(4);
    expect(s.p95).toBeCloseTo(8.8, 14);
    expect(s.mean).toBe(4);
    expect(s.geomean).toBeCloseTo(240 ** (1 / 5), 14);
  });

  it('returns NaN statistics for an empty sample', () => {
    expect(summaryStats([]).median).toBeNaN();
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});
