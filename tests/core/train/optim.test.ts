import { describe, expect, it } from 'vitest';
import { createOptimizer, createParam, learningRate, resolveTrainOptions } from '@resnet/core';

/** One parameter p = 1 with a constant gradient 0.5, stepped `steps` times. */
function walk(options: Parameters<typeof resolveTrainOptions>[0], steps: number, lr: number): number[] {
  const p = createParam('p', 1);
  p.value[0] = 1;
  const opt = createOptimizer(resolveTrainOptions(options), [p]);
  const path: number[] = [];
  for (let s = 0; s < steps; s++) {
    p.grad[0] = 0.5;
    opt.step(lr);
    path.push(p.value[0]);
  }
  return path;
}

describe('SGD', () => {
  it('adds weight decay to the gradient, then the momentum buffer (PyTorch semantics)', () => {
    // By hand: g1 = 0.5 + 0.01·1 = 0.51, buf = 0.51, p = 0.949; g2 = 0.50949, buf = 0.9·0.51 + g2 = 0.96849, p = 0.852151.
    const [p1, p2] = walk({ optimizer: 'sgd', momentum: 0.9, weightDecay: 0.01 }, 2, 0.1);
    expect(p1).toBeCloseTo(0.949, 14);
    expect(p2).toBeCloseTo(0.852151, 14);
  });

  it('is plain gradient descent with momentum 0 and no decay', () => {
    expect(walk({ optimizer: 'sgd', momentum: 0, weightDecay: 0 }, 3, 0.2)).toEqual([0.9, 0.8, 0.7000000000000001]);
  });
});

describe('Adam', () => {
  it('moves by lr per step under a constant gradient (bias-corrected moments)', () => {
    const path = walk({ optimizer: 'adam', weightDecay: 0 }, 3, 0.1);
    // m̂ = 0.5 and v̂ = 0.25 at every step, so each step is 0.1·0.5/(0.5 + 1e-8).
    const step = (0.1 * 0.5) / (0.5 + 1e-8);
    for (const [i, p] of path.entries()) expect(p).toBeCloseTo(1 - (i + 1) * step, 13);
  });
});

describe('learning-rate schedules', () => {
  const base = { lr: 0.1, warmupEpochs: 0, stepEpochs: 2, stepGamma: 0.5, minLr: 0 };
  it('constant keeps lr', () => {
    expect(learningRate({ ...base, schedule: 'constant' }, 37, 10, 50)).toBe(0.1);
  });

  it('step multiplies by stepGamma every stepEpochs epochs', () => {
    const at = (s: number) => learningRate({ ...base, schedule: 'step' }, s, 10, 60);
    expect([at(0), at(19), at(20), at(39), at(40)]).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });

  it('cosine starts at lr, halves at mid-run and decreases monotonically to near minLr', () => {
    const cfg = { ...base, schedule: 'cosine' as const, minLr: 0.01 };
    const rates = Array.from({ length: 100 }, (_, s) => learningRate(cfg, s, 10, 100));
    expect(rates[0]).toBe(0.1);
    expect(rates[50]).toBeCloseTo(0.055, 15);
    for (let s = 1; s < 100; s++) expect(rates[s]).toBeLessThan(rates[s - 1]);
    expect(rates[99]).toBeGreaterThan(0.01);
    expect(rates[99]).toBeLessThan(0.0101);
  });

  it('warms up linearly before the schedule starts', () => {
    const cfg = { ...base, schedule: 'cosine' as const, warmupEpochs: 1 };
    expect([0, 4, 9].map((s) => learningRate(cfg, s, 10, 100))).toEqual([0.01, 0.05, 0.1]);
    expect(learningRate(cfg, 10, 10, 100)).toBe(0.1);
  });
});
