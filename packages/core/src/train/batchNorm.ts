import type { Layer } from './layer.js';
import { WASM_WORK_BYTES, wasmFor } from './kernels.js';
import { batchMoments, normalize } from './normPasses.js';
import type { Param } from './param.js';

// The passes run batchNorm.wat when all their arrays live in a memory the kernels are bound to (a model's
// arena; kernels.ts), else JS; both compute the same operations in the same order (normPasses.ts).

/** PyTorch's BatchNorm1d defaults: running averages move 10% per step, eps 1e-5. */
export const BATCH_NORM_MOMENTUM = 0.1;
/** Added to the variance before the square root. */
export const BATCH_NORM_EPS = 1e-5;

/**
 * Train-mode batch norm over rows of x [batch×dim]: per feature, xhat = (x - mean)/sqrt(var + eps)
 * with the biased batch variance, y = gamma·xhat + beta. Writes xhat, invStd, mean and var (biased).
 */
export function batchNormTrainForward(
  x: Float64Array,
  batch: number,
  dim: number,
  gamma: Float64Array,
  beta: Float64Array,
  eps: number,
  xhat: Float64Array,
  invStd: Float64Array,
  mean: Float64Array,
  variance: Float64Array,
  y: Float64Array,
  relu = false,
): Float64Array {
  batchMoments(x, batch, dim, eps, mean, variance, invStd);
  return normalize(x, batch, dim, mean, invStd, gamma, beta, xhat, y, relu);
}

/**
 * Backward of y = gamma·xhat + beta, or of y = relu(gamma·xhat + beta) when the layer's output `y` is given (the
 * fused BatchNorm+ReLU layer; y > 0 exactly where the pre-activation is): dz = dY (dY·[y > 0] through the ReLU),
 * dgamma = Σ dz·xhat, dbeta = Σ dz, and dx = dz·gamma·invStd in eval mode (fixed statistics), in train mode
 * dx = invStd/N · (N·dxhat - Σ dxhat - xhat·Σ dxhat·xhat) with dxhat = dz·gamma (the batch statistics depend
 * on x, hence the two correction sums). batchNorm.wat runs it where every array lives in a kernels' memory.
 */
export function batchNormBackward(
  dY: Float64Array,
  y: Float64Array | null,
  xhat: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  batch: number,
  dim: number,
  training: boolean,
  dGamma: Float64Array,
  dBeta: Float64Array,
  dX: Float64Array,
): Float64Array {
  const wasm = wasmFor(dY, y ?? dY, xhat, invStd, gamma, dGamma, dBeta, dX);
  // The wasm pass keeps 3·dim per-feature factors in the kernels' scratch.
  if (wasm !== undefined && 3 * dim * 8 <= WASM_WORK_BYTES) {
    const at = (a: Float64Array): number => a.byteOffset;
    const [dy, yAt, xh, is, g] = [at(dY), at(y ?? dY), at(xhat), at(invStd), at(gamma)];
    wasm.backward(dy, yAt, xh, is, g, batch, dim, +training, +(y !== null), at(dGamma), at(dBeta), at(dX), wasm.work);
    return dX;
  }
  // 1. dBeta = Σ dz and dGamma = Σ dz·xhat; through the ReLU, dz is written into dX (turned into dx in step 2).
  dGamma.fill(0, 0, dim);
  dBeta.fill(0, 0, dim);
  const dZ = y === null ? dY : dX;
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const dz = y === null ? dY[o + j] : dY[o + j] * +(y[o + j] > 0) + 0;
      if (y !== null) dX[o + j] = dz;
      dBeta[j] += dz;
      dGamma[j] += dz * xhat[o + j];
    }
  }
  // 2. dx from dz. Σ dxhat = gamma·dBeta and Σ dxhat·xhat = gamma·dGamma, so dx needs no third pass for sums.
  if (!training) {
    for (let r = 0, o = 0; r < batch; r++, o += dim)
      for (let j = 0; j < dim; j++) dX[o + j] = dZ[o + j] * gamma[j] * invStd[j];
    return dX;
  }
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const g = gamma[j];
      dX[o + j] = (invStd[j] / batch) * (batch * g * dZ[o + j] - g * dBeta[j] - xhat[o + j] * g * dGamma[j]);
    }
  }
  return dX;
}

/** Eval mode: y = gamma·(x - runningMean)/sqrt(runningVar + eps) + beta; writes xhat and invStd. relu: y = max(0, that). */
export function batchNormEvalForward(
  x: Float64Array,
  batch: number,
  dim: number,
  gamma: Float64Array,
  beta: Float64Array,
  runningMean: Float64Array,
  runningVar: Float64Array,
  eps: number,
  xhat: Float64Array,
  invStd: Float64Array,
  y: Float64Array,
  relu = false,
): Float64Array {
  for (let j = 0; j < dim; j++) invStd[j] = 1 / Math.sqrt(runningVar[j] + eps);
  return normalize(x, batch, dim, runningMean, invStd, gamma, beta, xhat, y, relu);
}

/** A BatchNorm layer with its running statistics (mean 0 and variance 1 at creation, as PyTorch). */
export interface BatchNormLayer extends Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
}
