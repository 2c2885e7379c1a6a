import { heapArena, type Arena } from './arena.js';
import { columnSums } from './elementwise.js';
import { gemm } from './gemm.js';
import type { Layer } from './layer.js';
import { createParam, type Param } from './param.js';

/** y[batch×out] = x[batch×in]·Wᵀ + b for W [out×in] row-major (the dense layer's forward). */
export function linearForward(
  w: Float64Array,
  b: Float64Array,
  x: Float64Array,
  batch: number,
  inDim: number,
  outDim: number,
  y: Float64Array,
): Float64Array {
  return gemm(false, true, batch, outDim, inDim, 1, x, inDim, w, inDim, 0, y, outDim, b);
}

/** dW = dYᵀ·x, db = column sums of dY, and dX = dY·W when dX is given (not null). */
export function linearBackward(
  w: Float64Array,
  x: Float64Array,
  dY: Float64Array,
  batch: number,
  inDim: number,
  outDim: number,
  dW: Float64Array,
  db: Float64Array,
  dX: Float64Array | null,
): void {
  gemm(true, false, outDim, inDim, batch, 1, dY, outDim, x, inDim, 0, dW, inDim);
  columnSums(dY, batch, outDim, db);
  if (dX !== null) gemm(false, false, batch, inDim, outDim, 1, dY, outDim, w, inDim, 0, dX, inDim);
}

/** A dense layer (weights `w` [out×in] and bias `b`, zero until initialised) for batches up to maxBatch. */
export interface LinearLayer extends Layer {
  readonly w: Param;
  readonly b: Param;
}

/**
 * A dense layer, its parameters and buffers from arena; with inputGrad false its backward skips dX (the first
 * layer of a net needs none).
 */
export function createLinear(
  name: string,
  inDim: number,
  outDim: number,
  maxBatch: number,
  inputGrad = true,
  arena: Arena = heapArena,
): LinearLayer {
  const w = createParam(`${name}.w`, outDim * inDim, arena);
  const b = createParam(`${name}.b`, outDim, arena);
  const y = arena.f64(maxBatch * outDim);
  const dX = arena.f64(inputGrad ? maxBatch * inDim : 0);
  let input: Float64Array = new Float64Array(0);
  return {
    inDim,
    outDim,
    w,
    b,
    params: [w, b],
    forward(x, batch) {
      input = x;
      return linearForward(w.value, b.value, x, batch, inDim, outDim, y);
    },
    backward(dOut, batch) {
      linearBackward(w.value, input, dOut, batch, inDim, outDim, w.grad, b.grad, inputGrad ? dX : null);
      return dX;
    },
  };
}
