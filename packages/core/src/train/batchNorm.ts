import type { Layer } from './layer.js';
import { backwardWasm, batchMoments, normalize } from './normPasses.js';
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
 * Train-mode backward: dgamma = Σ dy·xhat, dbeta = Σ dy, and
 * dx = invStd/N · (N·dxhat - Σ dxhat - xhat·Σ dxhat·xhat) with dxhat = dy·gamma (the batch
 * statistics depend on x, hence the two correction sums).
 */
export function batchNormTrainBackward(
  dY: Float64Array,
  xhat: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  batch: number,
  dim: number,
  dGamma: Float64Array,
  dBeta: Float64Array,
  dX: Float64Array,
): Float64Array {
  if (backwardWasm(dY, dY, xhat, invStd, gamma, batch, dim, true, false, dGamma, dBeta, dX)) return dX;
  dGamma.fill(0, 0, dim);
  dBeta.fill(0, 0, dim);
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      dBeta[j] += dY[o + j];
      dGamma[j] += dY[o + j] * xhat[o + j];
    }
  }
  // Σ dxhat = gamma·dBeta and Σ dxhat·xhat = gamma·dGamma, so dx needs no third pass for sums.
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const g = gamma[j];
      dX[o + j] = (invStd[j] / batch) * (batch * g * dY[o + j] - g * dBeta[j] - xhat[o + j] * g * dGamma[j]);
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

/** Eval-mode backward (fixed statistics): dx = dy·gamma·invStd, dgamma = Σ dy·xhat, dbeta = Σ dy. */
export function batchNormEvalBackward(
  dY: Float64Array,
  xhat: Float64Array,
  invStd: Float64Array,
  gamma: Float64Array,
  batch: number,
  dim: number,
  dGamma: Float64Array,
  dBeta: Float64Array,
  dX: Float64Array,
): Float64Array {
  if (backwardWasm(dY, dY, xhat, invStd, gamma, batch, dim, false, false, dGamma, dBeta, dX)) return dX;
  dGamma.fill(0, 0, dim);
  dBeta.fill(0, 0, dim);
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      dBeta[j] += dY[o + j];
      dGamma[j] += dY[o + j] * xhat[o + j];
      dX[o + j] = dY[o + j] * gamma[j] * invStd[j];
    }
  }
  return dX;
}

/** A BatchNorm layer with its running statistics (mean 0 and variance 1 at creation, as PyTorch). */
export interface BatchNormLayer extends Layer {
  readonly gamma: Param;
  readonly beta: Param;
  readonly runningMean: Float64Array;
  readonly runningVar: Float64Array;
}
