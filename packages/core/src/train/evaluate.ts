import { gatherBatch, type Dataset } from './dataset.js';
import type { Model } from './model.js';
import { softmaxCrossEntropy } from './softmaxCrossEntropy.js';

/** Mean loss and error fraction of model on ds in eval mode (running BatchNorm statistics), in chunks of batchSize. */
export function evaluate(model: Model, ds: Dataset, batchSize: number): { loss: number; error: number } {
  const fits = model.input.length >= batchSize * ds.features;
  const xb = fits ? model.input : new Float64Array(batchSize * ds.features);
  const yb = new Int32Array(batchSize);
  const identity = new Int32Array(ds.count);
  for (let i = 0; i < ds.count; i++) identity[i] = i;
  let lossSum = 0;
  let errors = 0;
  for (let start = 0; start < ds.count; start += batchSize) {
    const batch = Math.min(batchSize, ds.count - start);
    gatherBatch(ds, identity, start, batch, xb, yb);
    const out = softmaxCrossEntropy(model.forward(xb, batch, false), yb, batch, ds.classes, null);
    lossSum += out.loss * batch;
    errors += out.errors;
  }
  return { loss: lossSum / ds.count, error: errors / ds.count };
}
