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
  if (n === 1) return matvec(out, a, b, m, k, bRowStride);
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
  if (n === 1) return matvecTransposed(out, a, b, m, k);
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
export function axpby(
  out: Float64Array,
  alpha: number,
  x: Float64Array,
  beta: number,
  y: Float64Array,
  n = out.length,
): Float64Array {
  for (let i = 0; i < n; i++) out[i] = alpha * x[i] + beta * y[i];
  return out;
}

/** out[m] = a[m×k] · x[k], x read with stride xStride (the batch-1 case of matmul). */
export function matvec(
  out: Float64Array,
  a: Float64Array,
  x: Float64Array,
  m: number,
  k: number,
  xStride = 1,
): Float64Array {
  if (xStride === 1 && (k & 3) === 0) {
    // Four partial sums break the add-latency chain; the order is fixed, so results stay deterministic.
    for (let i = 0, row = 0; i < m; i++, row += k) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let p = 0; p < k; p += 4) {
        s0 += a[row + p] * x[p];
        s1 += a[row + p + 1] * x[p + 1];
        s2 += a[row + p + 2] * x[p + 2];
        s3 += a[row + p + 3] * x[p + 3];
      }
      out[i] = s0 + s1 + (s2 + s3);
    }
    return out;
  }
  for (let i = 0, row = 0; i < m; i++, row += k) {
    let sum = 0;
    for (let p = 0, xi = 0; p < k; p++, xi += xStride) sum += a[row + p] * x[xi];
    out[i] = sum;
  }
  return out;
}

/** out[k] = aᵀ · y for a stored a[m×k] and y[m] (the batch-1 case of matmulTransposeA, same order). */
export function matvecTransposed(
  out: Float64Array,
  a: Float64Array,
  y: Float64Array,
  m: number,
  k: number,
): Float64Array {
  out.fill(0, 0, k);
  for (let i = 0, row = 0; i < m; i++, row += k) {
    const yi = y[i];
    for (let p = 0; p < k; p++) out[p] += a[row + p] * yi;
  }
  return out;
}

/** out[m×k] = y[m] · x[k]ᵀ, the outer product (dW of a batch of one). */
export function outer(out: Float64Array, y: Float64Array, x: Float64Array, m: number, k: number): Float64Array {
  for (let i = 0, row = 0; i < m; i++, row += k) {
    const yi = y[i];
    for (let p = 0; p < k; p++) out[row + p] = yi * x[p];
  }
  return out;
}
