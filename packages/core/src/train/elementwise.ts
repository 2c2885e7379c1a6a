// Element-wise passes and column sums of the training layers: elementwise.wat where every array lives in a
// memory the kernels are bound to (a model's arena; kernels.ts), else the same expressions in JS.
import { wasmFor } from './kernels.js';

/** y = x + scale·f over n elements (the residual block's forward). */
export function addScaled(x: Float64Array, f: Float64Array, scale: number, n: number, y: Float64Array): Float64Array {
  const wasm = wasmFor(x, f, y);
  if (wasm !== undefined) wasm.addScaled(x.byteOffset, f.byteOffset, scale, n, y.byteOffset);
  else for (let i = 0; i < n; i++) y[i] = x[i] + scale * f[i];
  return y;
}

/** y = scale·x over n elements. */
export function scaleInto(x: Float64Array, scale: number, n: number, y: Float64Array): Float64Array {
  const wasm = wasmFor(x, y);
  if (wasm !== undefined) wasm.scale(x.byteOffset, scale, n, y.byteOffset);
  else for (let i = 0; i < n; i++) y[i] = scale * x[i];
  return y;
}

/** y = a + b over n elements. */
export function addInto(a: Float64Array, b: Float64Array, n: number, y: Float64Array): Float64Array {
  const wasm = wasmFor(a, b, y);
  if (wasm !== undefined) wasm.add(a.byteOffset, b.byteOffset, n, y.byteOffset);
  else for (let i = 0; i < n; i++) y[i] = a[i] + b[i];
  return y;
}

/** out[j] = Σ x[r, j] over rows of x [rows×dim], each column summed in row order from 0 (rows ≥ 1). */
export function columnSums(x: Float64Array, rows: number, dim: number, out: Float64Array): Float64Array {
  const wasm = wasmFor(x, out);
  if (wasm !== undefined) {
    wasm.columnSums(x.byteOffset, rows, dim, out.byteOffset);
    return out;
  }
  out.fill(0, 0, dim);
  for (let r = 0, o = 0; r < rows; r++, o += dim) for (let j = 0; j < dim; j++) out[j] += x[o + j];
  return out;
}
