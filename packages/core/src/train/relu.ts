import type { Layer } from './layer.js';

/** y = max(0, x) over n elements. */
export function reluForward(x: Float64Array, n: number, y: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : 0;
  return y;
}

/** dX = dY where x > 0, else 0 (the subgradient at 0 is 0, as PyTorch takes it). */
export function reluBackward(x: Float64Array, dY: Float64Array, n: number, dX: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) dX[i] = x[i] > 0 ? dY[i] : 0;
  return dX;
}

/** A ReLU layer of `dim` features for batches up to maxBatch. */
export function createRelu(dim: number, maxBatch: number): Layer {
  const y = new Float64Array(maxBatch * dim);
  const dX = new Float64Array(maxBatch * dim);
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
