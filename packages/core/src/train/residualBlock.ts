import type { Layer } from './layer.js';

/** y = x + scale·branch(x) for a width-preserving branch; dX = dY + branchᵀ(scale·dY). */
export function createResidualBlock(branch: Layer, scale: number, maxBatch: number): Layer {
  const dim = branch.inDim;
  const y = new Float64Array(maxBatch * dim);
  const scaled = new Float64Array(scale !== 1 ? maxBatch * dim : 0);
  const dX = new Float64Array(maxBatch * dim);
  return {
    inDim: dim,
    outDim: dim,
    params: branch.params,
    forward(x, batch, training) {
      const f = branch.forward(x, batch, training);
      for (let i = 0, n = batch * dim; i < n; i++) y[i] = x[i] + scale * f[i];
      return y;
    },
    backward(dOut, batch) {
      const n = batch * dim;
      // scale 1 (the default) scales exactly, so the pass is skipped (layers never write their dOut).
      if (scale !== 1) for (let i = 0; i < n; i++) scaled[i] = scale * dOut[i];
      const dBranch = branch.backward(scale !== 1 ? scaled : dOut, batch);
      for (let i = 0; i < n; i++) dX[i] = dOut[i] + dBranch[i];
      return dX;
    },
  };
}
