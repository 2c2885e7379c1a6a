// BatchNorm's forward passes, shared by the plain and the ReLU-fused layer (the backward is in batchNorm.ts), each
// run by batchNorm.wat when all its arrays live in a memory the kernels are bound to (a model's arena; kernels.ts),
// else by the JS here; both compute the same operations in the same order, so the results are bit-identical.
import { wasmFor } from './kernels.js';

/**
 * Per feature j: mean[j] = Σ x/batch, variance[j] = Σ (x - mean)²/batch (two passes, the centred sum of
 * squares stays accurate when |mean| >> std) and invStd[j] = 1/sqrt(variance + eps). Four columns at a
 * time with the sums in locals: each column still sums its rows in order (bit-identical to a row-major
 * loop accumulating into mean[j]), with no load and store of mean[j] per element.
 */
export function batchMoments(
  x: Float64Array,
  batch: number,
  dim: number,
  eps: number,
  mean: Float64Array,
  variance: Float64Array,
  invStd: Float64Array,
): void {
  const wasm = wasmFor(x, mean, variance, invStd);
  if (wasm !== undefined) {
    wasm.moments(x.byteOffset, batch, dim, eps, mean.byteOffset, variance.byteOffset, invStd.byteOffset);
    return;
  }
  let j = 0;
  for (; j + 4 <= dim; j += 4) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let r = 0, o = j; r < batch; r++, o += dim) {
      s0 += x[o];
      s1 += x[o + 1];
      s2 += x[o + 2];
      s3 += x[o + 3];
    }
    const m0 = s0 / batch;
    const m1 = s1 / batch;
    const m2 = s2 / batch;
    const m3 = s3 / batch;
    let v0 = 0;
    let v1 = 0;
    let v2 = 0;
    let v3 = 0;
    for (let r = 0, o = j; r < batch; r++, o += dim) {
      const d0 = x[o] - m0;
      const d1 = x[o + 1] - m1;
      const d2 = x[o + 2] - m2;
      const d3 = x[o + 3] - m3;
      v0 += d0 * d0;
      v1 += d1 * d1;
      v2 += d2 * d2;
      v3 += d3 * d3;
    }
    mean[j] = m0;
    mean[j + 1] = m1;
    mean[j + 2] = m2;
    mean[j + 3] = m3;
    variance[j] = v0 / batch;
    variance[j + 1] = v1 / batch;
    variance[j + 2] = v2 / batch;
    variance[j + 3] = v3 / batch;
  }
  for (; j < dim; j++) {
    let s = 0;
    for (let r = 0, o = j; r < batch; r++, o += dim) s += x[o];
    const m = s / batch;
    let v = 0;
    for (let r = 0, o = j; r < batch; r++, o += dim) {
      const d = x[o] - m;
      v += d * d;
    }
    mean[j] = m;
    variance[j] = v / batch;
  }
  for (let k = 0; k < dim; k++) invStd[k] = 1 / Math.sqrt(variance[k] + eps);
}

/** Both modes' output: xhat = (x - mean)·invStd and y = gamma·xhat + beta (or relu.ts's max(0, that) with relu), per feature. */
export function normalize(
  x: Float64Array,
  batch: number,
  dim: number,
  mean: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  beta: Float64Array,
  xhat: Float64Array,
  y: Float64Array,
  relu: boolean,
): Float64Array {
  const wasm = wasmFor(x, mean, invStd, gamma, beta, xhat, y);
  if (wasm !== undefined) {
    const m = mean.byteOffset;
    const s = invStd.byteOffset;
    const g = gamma.byteOffset;
    wasm.normalize(x.byteOffset, batch, dim, m, s, g, beta.byteOffset, xhat.byteOffset, y.byteOffset, +relu);
    return y;
  }
  if (relu) {
    for (let r = 0, o = 0; r < batch; r++, o += dim) {
      for (let j = 0; j < dim; j++) {
        const h = (x[o + j] - mean[j]) * invStd[j];
        xhat[o + j] = h;
        const z = gamma[j] * h + beta[j];
        y[o + j] = z * +(z > 0) + 0;
      }
    }
    return y;
  }
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const h = (x[o + j] - mean[j]) * invStd[j];
      xhat[o + j] = h;
      y[o + j] = gamma[j] * h + beta[j];
    }
  }
  return y;
}
