import { describe, expect, it } from 'vitest';
import { BATCH_NORM_EPS, batchNormTrainForward, createRng } from '@resnet/core';

/** The textbook row-major two-pass statistics (sums accumulated into mean[j] row by row), as a reference. */
function reference(x: Float64Array, batch: number, dim: number) {
  const mean = new Float64Array(dim);
  const variance = new Float64Array(dim);
  for (let r = 0; r < batch; r++) for (let j = 0; j < dim; j++) mean[j] += x[r * dim + j];
  for (let j = 0; j < dim; j++) mean[j] /= batch;
  for (let r = 0; r < batch; r++) {
    for (let j = 0; j < dim; j++) {
      const d = x[r * dim + j] - mean[j];
      variance[j] += d * d;
    }
  }
  for (let j = 0; j < dim; j++) variance[j] /= batch;
  const invStd = variance.map((v) => 1 / Math.sqrt(v + BATCH_NORM_EPS));
  return { mean, variance, invStd };
}

describe('batch norm train-mode statistics', () => {
  // 64 is the training width (whole 4-column blocks); 13 and 3 leave a tail of columns (3 has no block).
  for (const dim of [64, 13, 3]) {
    it(`equal the row-major two-pass reference to the last bit (dim ${dim}, |mean| >> std in some columns)`, () => {
      const batch = 37;
      const rng = createRng(dim);
      const x = rng.fillNormal(new Float64Array(batch * dim));
      for (let i = 0; i < x.length; i += 5) x[i] = 1e4 + x[i] * 1e-3;
      const mean = new Float64Array(dim);
      const variance = new Float64Array(dim);
      const invStd = new Float64Array(dim);
      const gamma = new Float64Array(dim).fill(1);
      const beta = new Float64Array(dim);
      const xhat = new Float64Array(batch * dim);
      const y = new Float64Array(batch * dim);
      batchNormTrainForward(x, batch, dim, gamma, beta, BATCH_NORM_EPS, xhat, invStd, mean, variance, y);
      const ref = reference(x, batch, dim);
      expect(mean).toEqual(ref.mean);
      expect(variance).toEqual(ref.variance);
      expect(invStd).toEqual(ref.invStd);
      for (let r = 0; r < batch; r++)
        for (let j = 0; j < dim; j++) expect(xhat[r * dim + j]).toBe((x[r * dim + j] - ref.mean[j]) * ref.invStd[j]);
    });
  }
});
