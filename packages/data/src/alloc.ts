/** A zeroed Float64Array of n elements, over a SharedArrayBuffer when `shared` (for worker pools). */
export function allocFloat64(n: number, shared = false): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(n * Float64Array.BYTES_PER_ELEMENT)) : new Float64Array(n);
}

/** A zeroed Int32Array of n elements, over a SharedArrayBuffer when `shared`. */
export function allocInt32(n: number, shared = false): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(n * Int32Array.BYTES_PER_ELEMENT)) : new Int32Array(n);
}
