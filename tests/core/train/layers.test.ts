import { describe, expect, it } from 'vitest';
import { createBatchNorm, createLinear, createRelu, createRng, type Layer, softmaxCrossEntropy } from '@resnet/core';
import { numericGradient, relativeError } from '../helpers/gradcheck.js';

/** loss = Σ c ⊙ layer(x): a random linear functional, so every output's gradient is exercised. */
function probe(layer: Layer, batch: number, seed: number, training = true) {
  const rng = createRng(seed);
  const x = rng.fillNormal(new Float64Array(batch * layer.inDim));
  const c = rng.fillNormal(new Float64Array(batch * layer.outDim));
  const loss = () => {
    const y = layer.forward(x, batch, training);
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i] * y[i];
    return s;
  };
  const analytic = () => {
    loss();
    return Float64Array.from(layer.backward(c, batch).subarray(0, batch * layer.inDim));
  };
  return { x, c, loss, analytic };
}

/** Relative errors of dL/dx and of every parameter gradient against central differences. */
function gradErrors(layer: Layer, batch: number, seed: number, training = true): number[] {
  const { x, loss, analytic } = probe(layer, batch, seed, training);
  const dX = analytic();
  const errors = [relativeError(dX, numericGradient(loss, x))];
  for (const p of layer.params) {
    const grad = Float64Array.from(p.grad);
    errors.push(relativeError(grad, numericGradient(loss, p.value)));
  }
  return errors;
}

function randomise(layer: Layer, seed: number): void {
  const rng = createRng(seed);
  for (const p of layer.params) rng.fillNormal(p.value);
}

describe('dense layer', () => {
  it('passes the finite-difference gradient check for dx, dW and db', () => {
    const layer = createLinear('d', 7, 5, 6);
    randomise(layer, 1);
    for (const e of gradErrors(layer, 6, 2)) expect(e).toBeLessThan(1e-6);
  });

  it('computes x·Wᵀ + b row by row', () => {
    const layer = createLinear('d', 2, 3, 1);
    layer.w.value.set([1, 2, 3, 4, 5, 6]);
    layer.b.value.set([0.5, -1, 2]);
    expect(Array.from(layer.forward(new Float64Array([1, -1]), 1, true).subarray(0, 3))).toEqual([-0.5, -2, 1]);
  });
});

describe('relu layer', () => {
  it('passes the finite-difference gradient check', () => {
    for (const e of gradErrors(createRelu(9, 4), 4, 3)) expect(e).toBeLessThan(1e-6);
  });
});

describe('batch norm', () => {
  for (const training of [true, false]) {
    it(`passes the finite-difference gradient check in ${training ? 'train' : 'eval'} mode (dx, dgamma, dbeta)`, () => {
      const bn = createBatchNorm('bn', 5, 8);
      randomise(bn, 4);
      const rng = createRng(5);
      for (let j = 0; j < 5; j++) {
        bn.runningMean[j] = rng.normal();
        bn.runningVar[j] = 0.5 + rng.uniform();
      }
      for (const e of gradErrors(bn, 8, 6, training)) expect(e).toBeLessThan(1e-6);
    });
  }

  it('gives zero mean and unit (biased) variance per feature in train mode with gamma 1, beta 0', () => {
    const bn = createBatchNorm('bn', 4, 16);
    const rng = createRng(7);
    const x = rng.fillNormal(new Float64Array(16 * 4), 0, 64, 3);
    for (let i = 0; i < x.length; i++) x[i] += 10 * (i % 4);
    const y = bn.forward(x, 16, true);
    for (let j = 0; j < 4; j++) {
      let mean = 0;
      let sq = 0;
      for (let r = 0; r < 16; r++) mean += y[r * 4 + j] / 16;
      for (let r = 0; r < 16; r++) sq += (y[r * 4 + j] - mean) ** 2 / 16;
      expect(Math.abs(mean)).toBeLessThan(1e-14);
      // var/(var + eps): unit up to the eps of 1e-5 over a variance of about 9.
      expect(sq).toBeCloseTo(1, 5);
    }
  });

  it('moves the running averages by 10% towards the batch mean and unbiased variance', () => {
    const bn = createBatchNorm('bn', 1, 4);
    bn.forward(new Float64Array([1, 2, 3, 6]), 4, true);
    expect(bn.runningMean[0]).toBeCloseTo(0.1 * 3, 15);
    // Unbiased variance of 1,2,3,6 is 14/3.
    expect(bn.runningVar[0]).toBeCloseTo(0.9 + (0.1 * 14) / 3, 15);
  });

  it('normalises by the running statistics in eval mode', () => {
    const bn = createBatchNorm('bn', 1, 2);
    bn.runningMean[0] = 2;
    bn.runningVar[0] = 4 - 1e-5;
    bn.gamma.value[0] = 3;
    bn.beta.value[0] = 1;
    const y = bn.forward(new Float64Array([4, 0]), 2, false);
    expect(y[0]).toBeCloseTo(4, 12);
    expect(y[1]).toBeCloseTo(-2, 12);
    expect(bn.runningMean[0]).toBe(2);
  });
});

describe('softmax cross-entropy', () => {
  const batch = 5;
  const classes = 4;
  const rng = createRng(8);
  const logits = rng.fillNormal(new Float64Array(batch * classes), 0, batch * classes, 3);
  const labels = new Int32Array([0, 3, 1, 2, 3]);

  it('passes the finite-difference gradient check', () => {
    const d = new Float64Array(batch * classes);
    softmaxCrossEntropy(logits, labels, batch, classes, d);
    const numeric = numericGradient(() => softmaxCrossEntropy(logits, labels, batch, classes, null).loss, logits);
    expect(relativeError(d, numeric)).toBeLessThan(1e-6);
  });

  it('has gradient rows that sum to zero', () => {
    const d = new Float64Array(batch * classes);
    softmaxCrossEntropy(logits, labels, batch, classes, d);
    for (let r = 0; r < batch; r++) {
      let s = 0;
      for (let c = 0; c < classes; c++) s += d[r * classes + c];
      expect(Math.abs(s)).toBeLessThan(1e-16);
    }
  });

  it('is stable for huge logits (log-sum-exp) and equals ln(classes) for equal logits', () => {
    const big = new Float64Array([1000, 0, -1000, 1000]);
    const out = softmaxCrossEntropy(big, new Int32Array([0, 1]), 2, 2, null);
    // Row 0: log(1 + e^-1000) = 0; row 1: logits -1000, 1000 with label 1 gives 0.
    expect(out.loss).toBe(0);
    const flat = softmaxCrossEntropy(new Float64Array(6), new Int32Array([2, 0]), 2, 3, null);
    expect(flat.loss).toBeCloseTo(Math.log(3), 15);
  });

  it('counts rows whose argmax is not the label', () => {
    const out = softmaxCrossEntropy(new Float64Array([2, 1, 0, 5, 3, 3]), new Int32Array([0, 0, 1]), 3, 2, null);
    // argmaxes 0, 1, 0 (first maximum) against labels 0, 0, 1.
    expect(out.errors).toBe(2);
  });
});
