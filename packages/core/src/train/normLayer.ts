import {
  BATCH_NORM_EPS,
  BATCH_NORM_MOMENTUM,
  batchNormEvalBackward,
  batchNormEvalForward,
  batchNormTrainBackward,
  batchNormTrainForward,
  type BatchNormLayer,
} from './batchNorm.js';
import { batchNormReluBackward } from './batchNormRelu.js';
import { createParam } from './param.js';

// The BatchNorm layer object, plain or with its ReLU fused: one factory, so both keep the same parameters,
// running statistics and buffers.

/**
 * BatchNorm1d over `dim` features for batches up to maxBatch. Training forward normalises by batch
 * statistics and moves the running averages (unbiased variance, as PyTorch); eval uses the running ones.
 */
export function createBatchNorm(name: string, dim: number, maxBatch: number): BatchNormLayer {
  return createNormLayer(name, dim, maxBatch, false);
}

/** BatchNorm1d over `dim` features then ReLU, for batches up to maxBatch; parameters and statistics as createBatchNorm. */
export function createBatchNormRelu(name: string, dim: number, maxBatch: number): BatchNormLayer {
  return createNormLayer(name, dim, maxBatch, true);
}

/**
 * The BatchNorm layer, with a ReLU after it when `relu` : one set of parameters, running
 * statistics and buffers; the forward passes take the flag, the backward is the fused one with it.
 */
function createNormLayer(name: string, dim: number, maxBatch: number, relu: boolean): BatchNormLayer {
  const gamma = createParam(`${name}.gamma`, dim);
  const beta = createParam(`${name}.beta`, dim);
  gamma.value.fill(1);
  const runningMean = new Float64Array(dim);
  const runningVar = new Float64Array(dim).fill(1);
  const mean = new Float64Array(dim);
  const variance = new Float64Array(dim);
  const invStd = new Float64Array(dim);
  const xhat = new Float64Array(maxBatch * dim);
  const y = new Float64Array(maxBatch * dim);
  const dX = new Float64Array(maxBatch * dim);
  let trained = true;
  return {
    inDim: dim,
    outDim: dim,
    gamma,
    beta,
    params: [gamma, beta],
    runningMean,
    runningVar,
    forward(x, batch, training) {
      trained = training;
      if (!training)
        return batchNormEvalForward(
          x,
          batch,
          dim,
          gamma.value,
          beta.value,
          runningMean,
          runningVar,
          BATCH_NORM_EPS,
          xhat,
          invStd,
          y,
          relu,
        );
      batchNormTrainForward(
        x,
        batch,
        dim,
        gamma.value,
        beta.value,
        BATCH_NORM_EPS,
        xhat,
        invStd,
        mean,
        variance,
        y,
        relu,
      );
      const m = BATCH_NORM_MOMENTUM;
      const unbias = batch > 1 ? batch / (batch - 1) : 1;
      for (let j = 0; j < dim; j++) {
        runningMean[j] = (1 - m) * runningMean[j] + m * mean[j];
        runningVar[j] = (1 - m) * runningVar[j] + m * variance[j] * unbias;
      }
      return y;
    },
    backward(dOut, batch) {
      if (relu)
        return batchNormReluBackward(
          dOut,
          y,
          xhat,
          invStd,
          gamma.value,
          batch,
          dim,
          trained,
          gamma.grad,
          beta.grad,
          dX,
        );
      const backward = trained ? batchNormTrainBackward : batchNormEvalBackward;
      return backward(dOut, xhat, invStd, gamma.value, batch, dim, gamma.grad, beta.grad, dX);
    },
  };
}
