import type { Model } from './model.js';
import { softmaxCrossEntropy } from './softmaxCrossEntropy.js';

/**
 * ||dW|| (Frobenius norm of the weight gradient) of every dense layer, first to last, for the mean
 * cross-entropy of a batch (x [batch×features] in model.input, labels y) in train mode: BatchNorm normalises
 * by the batch's statistics, as in a training step. Leaves the net as training needs it: the running
 * statistics the forward moves are put back, and the gradients it writes are overwritten by the next backward.
 */
export function weightGradNorms(model: Model, y: Int32Array, batch: number, classes: number): number[] {
  // 1. Keep the running statistics.
  const kept = model.runningStats.map((s) => s.slice());
  // 2. One forward and backward, no optimiser step.
  const logits = model.forward(model.input, batch, true);
  softmaxCrossEntropy(logits, y, batch, classes, model.outputGrad);
  model.backward(model.outputGrad, batch);
  for (let i = 0; i < kept.length; i++) model.runningStats[i].set(kept[i]);
  // 3. The norms, each summed in index order.
  return model.linears.map(({ w }) => {
    let sum = 0;
    for (let i = 0; i < w.grad.length; i++) sum += w.grad[i] * w.grad[i];
    return Math.sqrt(sum);
  });
}
