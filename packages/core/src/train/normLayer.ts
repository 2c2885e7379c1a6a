import {
  BATCH_NORM_EPS,
  BATCH_NORM_MOMENTUM,
  batchNormBackward,
  batchNormEvalForward,
  batchNormTrainForward,
  type BatchNormLayer,
} from './batchNorm.js';
import { heapArena, type Arena } from './arena.js';
import { createParam } from './param.js';

// The BatchNorm layer object, plain or with its ReLU fused: one factory, so both keep the same parameters,
// running statistics and buffers. BatchNorm then ReLU precedes every dense layer but the first, and fusing the
// pair saves two passes over a batch each way and two batch-sized buffers per pair (training at depth 32 streams
// every layer's buffers from L3, so passes, not arithmetic, set its speed). The fused arithmetic is batchNorm.ts's
// and relu.ts's, in the same order, so the results are bit-identical to createBatchNorm then createRelu.

/**
 * BatchNorm1d over `dim` features for batches up to maxBatch. Training forward normalises by batch
 * statistics and moves the running averages (unbiased variance, as PyTorch); eval uses the running ones.
 * Parameters, statistics and buffers come from arena (plain arrays by default).
 */
export function createBatchNorm(name: string, dim: number, maxBatch: number, arena: Arena = heapArena): BatchNormLayer {
  return createNormLayer(name, dim, maxBatch, false, arena);
}

/** BatchNorm1d over `dim` features then ReLU, for batches up to maxBatch; parameters and statistics as createBatchNorm. */
export function createBatchNormRelu(
  name: string,
  dim: number,
  maxBatch: number,
  arena: Arena = heapArena,
): BatchNormLayer {
  return createNormLayer(name, dim, maxBatch, true, arena);
}

/**
 * The BatchNorm layer, with a ReLU after it when `relu` : one set of parameters, running
 * statistics and buffers; the forward passes take the flag, the backward is the fused one with it.
 */
function createNormLayer(name: string, dim: number, maxBatch: number, relu: boolean, arena: Arena): BatchNormLayer {
  const gamma = createParam(`${name}.gamma`, dim, arena);
  const beta = createParam(`${name}.beta`, dim, arena);
  gamma.value.fill(1);
  const runningMean = arena.f64(dim);
  const runningVar = arena.f64(dim).fill(1);
  const mean = arena.f64(dim);
  const variance = arena.f64(dim);
  const invStd = arena.f64(dim);
  const xhat = arena.f64(maxBatch * dim);
  const y = arena.f64(maxBatch * dim);
  const dX = arena.f64(maxBatch * dim);
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
      const yIfRelu = relu ? y : null;
      return batchNormBackward(
        dOut,
        yIfRelu,
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
    },
  };
}
