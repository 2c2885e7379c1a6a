/**
 * out[m×n] = a[m×k] · b[k×n], all row-major. b is read through strides, so passing
 * (bRowStride, bColStride) = (1, k) multiplies by bᵀ of a stored [n×k] matrix at no cost.
 */
export function matmul(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
  bRowStride = n,
  bColStride = 1,
): Float64Array {
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    for (let j = 0; j < n; j++) {
      let sum = 0;
      let bIdx = j * bColStride;
      for (let p = 0; p < k; p++, bIdx += bRowStride) sum += a[aRow + p] * b[bIdx];
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** out[k×n] = aᵀ · b for a stored a[m×k] and b[m×n] (the backward dx = Wᵀ·dz). */
export function matmulTransposeA(
  out: Float64Array,
  a: Float64Array,
  b: Float64Array,
  m: number,
  k: number,
  n: number,
): Float64Array {
  out.fill(0, 0, k * n);
  for (let i = 0; i < m; i++) {
    const aRow = i * k;
    const bRow = i * n;
    for (let p = 0; p < k; p++) {
      const aip = a[aRow + p];
      const outRow = p * n;
      for (let j = 0; j < n; j++) out[outRow + j] += aip * b[bRow + j];
    }
  }
  return out;
}

/** Euclidean (Frobenius) norm of data[start..end): sqrt of the sum of squares, as numpy's norm. */
export function norm(data: Float64Array, start = 0, end = data.length): number {
  let sum = 0;
  for (let i = start; i < end; i++) sum += data[i] * data[i];
  return Math.sqrt(sum);
}

/** out[i] = alpha * x[i] + beta * y[i] over n elements. */
export function axpby(out: Float64Array, alpha: number, x: Float64Array, beta: number, y: Float64Array, n = out.length): Float64Array {
  for (let i = 0; i < n; i++) out[i] = alpha * x[i] + beta * y[i];
  return out;
}
