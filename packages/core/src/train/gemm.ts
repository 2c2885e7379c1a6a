// A blocked, cache-aware GEMM on Float64Array in the GotoBLAS layout: op(B) is packed a kc×nc block
// at a time into 4-column panels, op(A) an mc×kc block at a time into 4-row panels, and a 4×4
// register tile of accumulators runs over each pair of panels. Packing absorbs the transposes, so
// one kernel serves forward (X·Wᵀ), dX (dY·W) and dW (dYᵀ·X). Edges are zero-padded in the packs.

const MR = 4;
const NR = 4;
/** Depth of a packed block: a 4×kc panel of A and of B (8 KiB each) stay in L1. */
const KC = 256;
/** Rows of A per packed block (mc×kc = 256 KiB, an L2-sized block). */
const MC = 128;
/** Columns of B per packed block. */
const NC = 1024;

let packA = new Float64Array(MC * KC);
let packB = new Float64Array(KC * NC);

/**
 * C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with leading dimensions lda, ldb, ldc;
 * op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k when transB).
 * With beta = 0, C is overwritten (NaNs in C do not propagate), as BLAS does.
 */
export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  b: Float64Array,
  ldb: number,
  beta: number,
  c: Float64Array,
  ldc: number,
): Float64Array {
  if (k === 0 || alpha === 0) {
    scaleC(c, m, n, ldc, beta);
    return c;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      packPanelsB(transB, b, ldb, pc, kc, jc, nc);
      // The first k-block applies beta; later blocks accumulate into C.
      const betaHere = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        packPanelsA(transA, a, lda, ic, mc, pc, kc);
        macroKernel(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc);
      }
    }
  }
  return c;
}

/** C = beta·C over m×n (beta 0 writes zeros). */
function scaleC(c: Float64Array, m: number, n: number, ldc: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/** Packs op(A)[ic..ic+mc, pc..pc+kc] as 4-row panels, each kc steps of 4 values (zero-padded). */
function packPanelsA(trans: boolean, a: Float64Array, lda: number, ic: number, mc: number, pc: number, kc: number): void {
  const panels = Math.ceil(mc / MR);
  if (packA.length < panels * MR * kc) packA = new Float64Array(panels * MR * kc);
  const out = packA;
  for (let ip = 0; ip < panels; ip++) {
    const i0 = ic + ip * MR;
    const rows = Math.min(MR, ic + mc - i0);
    let o = ip * MR * kc;
    for (let p = 0; p < kc; p++, o += MR) {
      for (let r = 0; r < MR; r++) {
        // op(A)[i, p] is a[i*lda + p], or a[p*lda + i] when transposed.
        out[o + r] = r < rows ? (trans ? a[(pc + p) * lda + i0 + r] : a[(i0 + r) * lda + pc + p]) : 0;
      }
    }
  }
}

/** Packs op(B)[pc..pc+kc, jc..jc+nc] as 4-column panels, each kc steps of 4 values (zero-padded). */
function packPanelsB(trans: boolean, b: Float64Array, ldb: number, pc: number, kc: number, jc: number, nc: number): void {
  const panels = Math.ceil(nc / NR);
  if (packB.length < panels * NR * kc) packB = new Float64Array(panels * NR * kc);
  const out = packB;
  for (let jp = 0; jp < panels; jp++) {
    const j0 = jc + jp * NR;
    const cols = Math.min(NR, jc + nc - j0);
    let o = jp * NR * kc;
    for (let p = 0; p < kc; p++, o += NR) {
      for (let q = 0; q < NR; q++) {
        out[o + q] = q < cols ? (trans ? b[(j0 + q) * ldb + pc + p] : b[(pc + p) * ldb + j0 + q]) : 0;
      }
    }
  }
}

/** Runs the 4×4 micro-kernel over every (A panel, B panel) pair of the packed blocks. */
function macroKernel(mc: number, nc: number, kc: number, alpha: number, beta: number, c: Float64Array, c0: number, ldc: number): void {
  const ap = packA;
  const bp = packB;
  for (let jr = 0; jr < nc; jr += NR) {
    const cols = Math.min(NR, nc - jr);
    const bBase = (jr / NR) * NR * kc;
    for (let ir = 0; ir < mc; ir += MR) {
      const rows = Math.min(MR, mc - ir);
      let ai = (ir / MR) * MR * kc;
      let bi = bBase;
      let c00 = 0,
        c01 = 0,
        c02 = 0,
        c03 = 0;
      let c10 = 0,
        c11 = 0,
        c12 = 0,
        c13 = 0;
      let c20 = 0,
        c21 = 0,
        c22 = 0,
        c23 = 0;
      let c30 = 0,
        c31 = 0,
        c32 = 0,
        c33 = 0;
      for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
        const a0 = ap[ai],
          a1 = ap[ai + 1],
          a2 = ap[ai + 2],
          a3 = ap[ai + 3];
        const b0 = bp[bi],
          b1 = bp[bi + 1],
          b2 = bp[bi + 2],
          b3 = bp[bi + 3];
        c00 += a0 * b0;
        c01 += a0 * b1;
        c02 += a0 * b2;
        c03 += a0 * b3;
        c10 += a1 * b0;
        c11 += a1 * b1;
        c12 += a1 * b2;
        c13 += a1 * b3;
        c20 += a2 * b0;
        c21 += a2 * b1;
        c22 += a2 * b2;
        c23 += a2 * b3;
        c30 += a3 * b0;
        c31 += a3 * b1;
        c32 += a3 * b2;
        c33 += a3 * b3;
      }
      const base = c0 + ir * ldc + jr;
      if (rows === MR && cols === NR) {
        store4(c, base, alpha, beta, c00, c01, c02, c03);
        store4(c, base + ldc, alpha, beta, c10, c11, c12, c13);
        store4(c, base + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        store4(c, base + 3 * ldc, alpha, beta, c30, c31, c32, c33);
      } else {
        const tile = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
        for (let r = 0; r < rows; r++) {
          for (let q = 0; q < cols; q++) {
            const idx = base + r * ldc + q;
            c[idx] = beta === 0 ? alpha * tile[r * NR + q] : beta * c[idx] + alpha * tile[r * NR + q];
          }
        }
      }
    }
  }
}

/** c[i..i+4) = alpha·(v0..v3) + beta·c[i..i+4) (beta 0 overwrites). */
function store4(c: Float64Array, i: number, alpha: number, beta: number, v0: number, v1: number, v2: number, v3: number): void {
  if (beta === 0) {
    c[i] = alpha * v0;
    c[i + 1] = alpha * v1;
    c[i + 2] = alpha * v2;
    c[i + 3] = alpha * v3;
  } else {
    c[i] = beta * c[i] + alpha * v0;
    c[i + 1] = beta * c[i + 1] + alpha * v1;
    c[i + 2] = beta * c[i + 2] + alpha * v2;
    c[i + 3] = beta * c[i + 3] + alpha * v3;
  }
}
