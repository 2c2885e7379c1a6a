// BatchNorm followed by ReLU as one layer: the pair precedes every dense layer but the first, and
// fusing it saves two passes over a batch each way and two batch-sized buffers per pair (training at
// depth 32 streams every layer's buffers from L3, so passes, not arithmetic, set its speed). The
// arithmetic is batchNorm.ts's and relu.ts's, in the same order, so the results are bit-identical to
// createBatchNorm then createRelu; batchNorm.wat runs it where the arrays live in a kernels' memory.
import { backwardWasm } from './normPasses.js';

/**
 * Train- or eval-mode backward of y = relu(gamma·xhat + beta), from dY and the layer's own output y
 * (y > 0 exactly where the pre-activation is): dz = dY·[y > 0], then batchNormTrainBackward's (train)
 * or batchNormEvalBackward's (eval) formulas on dz.
 */
export function batchNormReluBackward(
  dY: Float64Array,
  y: Float64Array,
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
  if (backwardWasm(dY, y, xhat, invStd, gamma, batch, dim, training, true, dGamma, dBeta, dX)) return dX;
  dGamma.fill(0, 0, dim);
  dBeta.fill(0, 0, dim);
  // Pass 1 writes dz = dY·[y > 0] into dX and sums it; pass 2 turns dX into dx in place.
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const dz = dY[o + j] * +(y[o + j] > 0) + 0;
      dX[o + j] = dz;
      dBeta[j] += dz;
      dGamma[j] += dz * xhat[o + j];
    }
  }
  if (!training) {
    for (let r = 0, o = 0; r < batch; r++, o += dim)
      for (let j = 0; j < dim; j++) dX[o + j] = dX[o + j] * gamma[j] * invStd[j];
    return dX;
  }
  for (let r = 0, o = 0; r < batch; r++, o += dim) {
    for (let j = 0; j < dim; j++) {
      const g = gamma[j];
      dX[o + j] = (invStd[j] / batch) * (batch * g * dX[o + j] - g * dBeta[j] - xhat[o + j] * g * dGamma[j]);
    }
  }
  return dX;
}
