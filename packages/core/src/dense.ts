import type { Activation, Init } from './config.js';
import type { Rng } from './rng.js';
import { drawWeights } from './init.js';
import { activate, activationBackward } from './activation.js';
import { matmul, matmulTransposeA, outer } from './tensor.js';

/** A dense layer as plain data: w is [outDim×inDim] row-major, b is [outDim]. */
export interface DenseLayer {
  w: Float64Array;
  b: Float64Array;
  inDim: number;
  outDim: number;
  activation: Activation;
}

/** Gradients of a dense layer for one backward pass. */
export interface DenseGrads {
  /** dL/dW, [outDim×inDim]. */
  dW: Float64Array;
  /** dL/db, [outDim]. */
  db: Float64Array;
}

export { initScale } from './init.js';

/** A layer with zero biases and weights drawn as `randn(outDim, inDim) * scale` (C order). */
export function createDense(
  inDim: number,
  outDim: number,
  activation: Activation = 'relu',
  w: Float64Array = new Float64Array(outDim * inDim),
  b: Float64Array = new Float64Array(outDim),
): DenseLayer {
  return { w, b, inDim, outDim, activation };
}

/** Draws the layer's weights from rng (see drawWeights; he: randn(outDim, inDim) * sqrt(2/inDim), the notebook's); biases to zero. */
export function initDense(layer: DenseLayer, rng: Rng, init: Init = 'he', sigmaW2?: number): DenseLayer {
  drawWeights(layer.w, layer.outDim, layer.inDim, rng, init, sigmaW2);
  layer.b.fill(0);
  return layer;
}

/**
 * Forward for a batch of `batch` columns: z = W·x + b, out = act(z).
 * x is [inDim×batch]; z and out are [outDim×batch] (z is the cache backward needs).
 */
export function denseForward(
  layer: DenseLayer,
  x: Float64Array,
  batch: number,
  z: Float64Array,
  out: Float64Array,
): Float64Array {
  const { w, b, inDim, outDim } = layer;
  matmul(z, w, x, outDim, inDim, batch);
  if (layer.activation === 'tanh') {
    for (let i = 0; i < outDim; i++) for (let idx = i * batch, end = idx + batch; idx < end; idx++) z[idx] += b[i];
    return activate('tanh', z, out, outDim * batch);
  }
  // relu and linear fused with the bias add: the sweep's hot loop, unchanged from the notebook-only kernel.
  const relu = layer.activation === 'relu';
  for (let i = 0; i < outDim; i++) {
    const bi = b[i];
    for (let j = 0, idx = i * batch; j < batch; j++, idx++) {
      const v = z[idx] + bi;
      z[idx] = v;
      // NaN passes through, as np.maximum(0, z) lets it.
      out[idx] = relu && !(v > 0) && !Number.isNaN(v) ? 0 : v;
    }
  }
  return out;
}

/**
 * Backward for a batch: given dOut = dL/d(out) [outDim×batch], the input x and the cache z,
 * writes dz = dOut ⊙ act'(z), dW = dz·xᵀ and db = Σ_batch dz (skipped when grads is null), and
 * dX = Wᵀ·dz (skipped when dX is null).
 */
export function denseBackward(
  layer: DenseLayer,
  x: Float64Array,
  z: Float64Array,
  dOut: Float64Array,
  batch: number,
  dz: Float64Array,
  grads: DenseGrads | null,
  dX: Float64Array | null,
): void {
  const { w, inDim, outDim } = layer;
  const n = outDim * batch;
  activationBackward(layer.activation, z, dOut, dz, n);
  if (grads !== null) {
    // dW = dz[outDim×batch] · xᵀ, reading x[inDim×batch] with swapped strides.
    if (batch === 1) outer(grads.dW, dz, x, outDim, inDim);
    else matmul(grads.dW, dz, x, outDim, batch, inDim, 1, batch);
    const db = grads.db;
    for (let i = 0; i < outDim; i++) {
      let s = 0;
      for (let j = 0, idx = i * batch; j < batch; j++, idx++) s += dz[idx];
      db[i] = s;
    }
  }
  if (dX !== null) matmulTransposeA(dX, w, dz, outDim, inDim, batch);
}
