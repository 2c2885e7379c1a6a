/**
 * Overwrites a [rows×cols] row-major matrix with the orthonormal factor of its QR decomposition, as
 * torch.nn.init.orthogonal_ and scipy compute it from a Gaussian draw: with A = a (or aᵀ when
 * rows < cols), A = QR by Householder reflections (reduced, Q is [max×min]), each column of Q times
 * sign(R_jj) so R has a positive diagonal (this makes Q unique), transposed back when rows < cols.
 * numpy: `q, r = np.linalg.qr(A); q *= np.sign(np.diag(r))`; equal to it up to rounding (~1e-14).
 */
export function orthogonalize(a: Float64Array, rows: number, cols: number): Float64Array {
  const tall = rows >= cols;
  const m = tall ? rows : cols;
  const n = tall ? cols : rows;
  // r = A, [m×n] row-major: a itself when tall, its transpose otherwise.
  const r = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) r[i * n + j] = tall ? a[i * cols + j] : a[j * cols + i];
  const v = new Float64Array(m * n); // Householder vector k in column k (rows k..m-1)
  const vv = new Float64Array(n);
  const diag = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let s = 0;
    for (let i = k; i < m; i++) s += r[i * n + k] ** 2;
    const alpha = r[k * n + k] >= 0 ? -Math.sqrt(s) : Math.sqrt(s);
    let vn = 0;
    for (let i = k; i < m; i++) {
      const vi = i === k ? r[i * n + k] - alpha : r[i * n + k];
      v[i * n + k] = vi;
      vn += vi * vi;
    }
    vv[k] = vn;
    diag[k] = alpha;
    if (vn === 0) continue;
    for (let j = k; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i * n + k] * r[i * n + j];
      const f = (2 * dot) / vn;
      for (let i = k; i < m; i++) r[i * n + j] -= f * v[i * n + k];
    }
  }
  // q = H_0 H_1 ... H_{n-1} [I; 0], applied right to left.
  const q = r.fill(0);
  for (let j = 0; j < n; j++) q[j * n + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    if (vv[k] === 0) continue;
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let i = k; i < m; i++) dot += v[i * n + k] * q[i * n + j];
      const f = (2 * dot) / vv[k];
      for (let i = k; i < m; i++) q[i * n + j] -= f * v[i * n + k];
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const value = q[i * n + j] * Math.sign(diag[j]);
      if (tall) a[i * cols + j] = value;
      else a[j * cols + i] = value;
    }
  }
  return a;
}
