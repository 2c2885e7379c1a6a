import { heapArena, type Arena } from './arena.js';
import { addInto, addScaled, scaleInto } from './elementwise.js';
import type { Layer } from './layer.js';

/** y = x + scale·branch(x) for a width-preserving branch; dX = dY + branchᵀ(scale·dY). Buffers from arena. */
export function createResidualBlock(branch: Layer, scale: number, maxBatch: number, arena: Arena = heapArena): Layer {
  const dim = branch.inDim;
  const y = arena.f64(maxBatch * dim);
  const scaled = arena.f64(scale !== 1 ? maxBatch * dim : 0);
  const dX = arena.f64(maxBatch * dim);
  return {
    inDim: dim,
    outDim: dim,
    params: branch.params,
    forward(x, batch, training) {
      return addScaled(x, branch.forward(x, batch, training), scale, batch * dim, y);
    },
    backward(dOut, batch) {
      const n = batch * dim;
      // scale 1 (the default) scales exactly, so the pass is skipped (layers never write their dOut).
      const dBranch = branch.backward(scale !== 1 ? scaleInto(dOut, scale, n, scaled) : dOut, batch);
      return addInto(dOut, dBranch, n, dX);
    },
  };
}
