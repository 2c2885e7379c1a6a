import { heapArena, type Arena } from './arena.js';
import { wasmFor } from './kernels.js';
import type { Layer } from './layer.js';

// Both directions multiply by the 0/1 mask instead of branching: the sign of a normalised activation
// is a coin flip, and the mispredicted branch cost ~4x the loop (37 vs 8 µs per 128×64 batch here).
// For finite values the result is the same; a NaN stays NaN (as in PyTorch) and an infinity where the
// mask is 0 becomes NaN, which only happens in a run that has already diverged. elementwise.wat computes
// the same (mask as 0.0/1.0, multiply, + 0) where the arrays live in a kernels' memory (kernels.ts).

/** y = max(0, x) over n elements. */
export function reluForward(x: Float64Array, n: number, y: Float64Array): Float64Array {
  const wasm = wasmFor(x, y);
  if (wasm !== undefined) {
    wasm.relu(x.byteOffset, n, y.byteOffset);
    return y;
  }
  for (let i = 0; i < n; i++) {
    const v = x[i];
    y[i] = v * +(v > 0) + 0; // + 0 turns the -0 of a negative v into 0
  }
  return y;
}

/** dX = dY where x > 0, else 0 (the subgradient at 0 is 0, as PyTorch takes it). */
export function reluBackward(x: Float64Array, dY: Float64Array, n: number, dX: Float64Array): Float64Array {
  const wasm = wasmFor(x, dY, dX);
  if (wasm !== undefined) {
    wasm.reluBackward(x.byteOffset, dY.byteOffset, n, dX.byteOffset);
    return dX;
  }
  for (let i = 0; i < n; i++) dX[i] = dY[i] * +(x[i] > 0) + 0;
  return dX;
}

/** A ReLU layer of `dim` features for batches up to maxBatch, its buffers from arena. */
export function createRelu(dim: number, maxBatch: number, arena: Arena = heapArena): Layer {
  const y = arena.f64(maxBatch * dim);
  const dX = arena.f64(maxBatch * dim);
  let input: Float64Array = new Float64Array(0);
  return {
    inDim: dim,
    outDim: dim,
    params: [],
    forward(x, batch) {
      input = x;
      return reluForward(x, batch * dim, y);
    },
    backward(dOut, batch) {
      return reluBackward(input, dOut, batch * dim, dX);
    },
  };
}
