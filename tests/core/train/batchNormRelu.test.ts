import { describe, expect, it } from 'vitest';
import { createBatchNorm, createBatchNormRelu, createRelu, createRng, reluBackward, reluForward } from '@resnet/core';
import { numericGradient, relativeError } from '../helpers/gradcheck.js';

/** A fused layer and the unfused pair with the same random parameters and running statistics. */
function pair(dim: number, maxBatch: number, seed: number) {
  const fused = createBatchNormRelu('f', dim, maxBatch);
  const bn = createBatchNorm('b', dim, maxBatch);
  const relu = createRelu(dim, maxBatch);
  const rng = createRng(seed);
  for (let j = 0; j < dim; j++) {
    const g = rng.normal();
    const b = rng.normal();
    const m = rng.normal();
    const v = 0.5 + rng.uniform();
    fused.gamma.value[j] = g;
    bn.gamma.value[j] = g;
    fused.beta.value[j] = b;
    bn.beta.value[j] = b;
    fused.runningMean[j] = m;
    bn.runningMean[j] = m;
    fused.runningVar[j] = v;
    bn.runningVar[j] = v;
  }
  return { fused, bn, relu };
}

describe('fused batch norm + relu', () => {
  for (const training of [true, false]) {
    const mode = training ? 'train' : 'eval';
    it(`is bit-identical to createBatchNorm then createRelu in ${mode} mode (output, dx, dgamma, dbeta, running stats)`, () => {
      const dim = 13;
      const batch = 37;
      const { fused, bn, relu } = pair(dim, batch, 1);
      const rng = createRng(2);
      const x = rng.fillNormal(new Float64Array(batch * dim));
      const dY = rng.fillNormal(new Float64Array(batch * dim));
      const yFused = Float64Array.from(fused.forward(x, batch, training));
      const yPair = Float64Array.from(relu.forward(bn.forward(x, batch, training), batch, training));
      expect(yFused).toEqual(yPair);
      // some outputs are clipped, so the mask is exercised
      expect(yFused.some((v) => v === 0) && yFused.some((v) => v > 0)).toBe(true);
      const dxFused = Float64Array.from(fused.backward(dY, batch));
      const dxPair = Float64Array.from(bn.backward(relu.backward(dY, batch), batch));
      expect(dxFused).toEqual(dxPair);
      expect(fused.gamma.grad).toEqual(bn.gamma.grad);
      expect(fused.beta.grad).toEqual(bn.beta.grad);
      expect(fused.runningMean).toEqual(bn.runningMean);
      expect(fused.runningVar).toEqual(bn.runningVar);
    });

    it(`passes the finite-difference gradient check in ${mode} mode (dx, dgamma, dbeta)`, () => {
      const dim = 5;
      const batch = 8;
      const { fused } = pair(dim, batch, 3);
      const rng = createRng(4);
      const x = rng.fillNormal(new Float64Array(batch * dim));
      const c = rng.fillNormal(new Float64Array(batch * dim));
      const loss = () => {
        const y = fused.forward(x, batch, training);
        let s = 0;
        for (let i = 0; i < c.length; i++) s += c[i] * y[i];
        return s;
      };
      loss();
      const dX = Float64Array.from(fused.backward(c, batch).subarray(0, batch * dim));
      const dGamma = Float64Array.from(fused.gamma.grad);
      const dBeta = Float64Array.from(fused.beta.grad);
      expect(relativeError(dX, numericGradient(loss, x))).toBeLessThan(1e-6);
      expect(relativeError(dGamma, numericGradient(loss, fused.gamma.value))).toBeLessThan(1e-6);
      expect(relativeError(dBeta, numericGradient(loss, fused.beta.value))).toBeLessThan(1e-6);
    });
  }
});

describe('branch-free relu', () => {
  it('gives +0 (never -0) for negative and zero inputs, x for positive ones, and masks dY the same way', () => {
    const x = new Float64Array([-2, -0, 0, 1e-300, 3, -1e300]);
    const y = reluForward(x, x.length, new Float64Array(x.length));
    expect(Array.from(y).map((v) => Object.is(v, -0))).toEqual([false, false, false, false, false, false]);
    expect(Array.from(y)).toEqual([0, 0, 0, 1e-300, 3, 0]);
    const dY = new Float64Array([-5, -6, 7, -8, 9, -10]);
    const dX = reluBackward(x, dY, x.length, new Float64Array(x.length));
    expect(Array.from(dX).map((v) => Object.is(v, -0))).toEqual([false, false, false, false, false, false]);
    expect(Array.from(dX)).toEqual([0, 0, 0, -8, 9, 0]);
  });
});
