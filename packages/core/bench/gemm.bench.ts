// GFLOP/s of core's blocked GEMM (train/gemm.ts) at the shapes an MLP of batch 128 uses in training,
// beside the previous kernel (kept below as a labelled baseline) and the naive triple loop, all in the same run. One thread; medians of REPS timings.
// Run with `npx tsx packages/core/bench/gemm.bench.ts` (BENCH_REPS to change the repetitions).
import { createRng, gemm } from '../src/index.js';

const REPS = Number(process.env.BENCH_REPS ?? 5);

/** [label, transA, transB, m, n, k]: forward x·Wᵀ, backward dX = dY·W and dW = dYᵀ·x. */
const SHAPES: [string, boolean, boolean, number, number, number][] = [
  ['forward 784->64  (x·Wᵀ)', false, true, 128, 64, 784],
  ['dW      784->64  (dYᵀ·x)', true, false, 64, 784, 128],
  ['forward 64->64   (x·Wᵀ)', false, true, 128, 64, 64],
  ['dX      64->64   (dY·W)', false, false, 128, 64, 64],
  ['dW      64->64   (dYᵀ·x)', true, false, 64, 64, 128],
  ['forward 256->256 (x·Wᵀ)', false, true, 128, 256, 256],
];

/** The textbook triple loop with the same transposes (the unblocked baseline). */
function naive(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  lda: number,
  b: Float64Array,
  ldb: number,
  c: Float64Array,
  ldc: number,
): void {
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (tA ? a[p * lda + i] : a[i * lda + p]) * (tB ? b[j * ldb + p] : b[p * ldb + j]);
      c[i * ldc + j] = s;
    }
  }
}

/** Median GFLOP/s of fn, each timing repeating it for at least ~40 ms, after ~200 ms of warm-up (JIT tier-up). */
function gflops(flops: number, fn: () => void): number {
  const warm = performance.now();
  let calls = 0;
  while (performance.now() - warm < 200) {
    fn();
    calls++;
  }
  const once = Math.max((performance.now() - warm) / calls, 1e-3);
  const iters = Math.max(1, Math.ceil(40 / once));
  const rates: number[] = [];
  for (let r = 0; r < REPS; r++) {
    const start = performance.now();
    for (let i = 0; i < iters; i++) fn();
    rates.push((flops * iters) / ((performance.now() - start) * 1e6));
  }
  rates.sort((x, y) => x - y);
  return rates[Math.floor(rates.length / 2)];
}

// ---------------------------------------------------------------------------------------------------
// BASELINE ONLY, not used by training: the previous kernel of train/gemm.ts (4×4 register tile,
// 4-wide panels packed element by element with per-element branches, fixed 256-deep k-blocks), kept
// verbatim apart from renaming so this bench measures the current kernel against it in the same run.
// ---------------------------------------------------------------------------------------------------
const MR = 4;
const NR = 4;
/** Depth of a packed block: a 4×kc panel of A and of B (8 KiB each) stay in L1. */
const KC = 256;
/** Rows of A per packed block (mc×kc = 256 KiB, an L2-sized block). */
const MC = 128;
/** Columns of B per packed block. */
const NC = 1024;

let prevPackA = new Float64Array(MC * KC);
let prevPackB = new Float64Array(KC * NC);

/**
 * C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with leading dimensions lda, ldb, ldc;
 * op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k when transB).
 * With beta = 0, C is overwritten (NaNs in C do not propagate), as BLAS does.
 */
function gemmPrevious(
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
    prevScaleC(c, m, n, ldc, beta);
    return c;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      prevPackPanelsB(transB, b, ldb, pc, kc, jc, nc);
      // The first k-block applies beta; later blocks accumulate into C.
      const betaHere = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        prevPackPanelsA(transA, a, lda, ic, mc, pc, kc);
        prevMacroKernel(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc);
      }
    }
  }
  return c;
}

/** C = beta·C over m×n (beta 0 writes zeros). */
function prevScaleC(c: Float64Array, m: number, n: number, ldc: number, beta: number): void {
  for (let i = 0; i < m; i++) {
    const row = i * ldc;
    if (beta === 0) c.fill(0, row, row + n);
    else if (beta !== 1) for (let j = 0; j < n; j++) c[row + j] *= beta;
  }
}

/** Packs op(A)[ic..ic+mc, pc..pc+kc] as 4-row panels, each kc steps of 4 values (zero-padded). */
function prevPackPanelsA(trans: boolean, a: Float64Array, lda: number, ic: number, mc: number, pc: number, kc: number): void {
  const panels = Math.ceil(mc / MR);
  if (prevPackA.length < panels * MR * kc) prevPackA = new Float64Array(panels * MR * kc);
  const out = prevPackA;
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
function prevPackPanelsB(trans: boolean, b: Float64Array, ldb: number, pc: number, kc: number, jc: number, nc: number): void {
  const panels = Math.ceil(nc / NR);
  if (prevPackB.length < panels * NR * kc) prevPackB = new Float64Array(panels * NR * kc);
  const out = prevPackB;
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
function prevMacroKernel(mc: number, nc: number, kc: number, alpha: number, beta: number, c: Float64Array, c0: number, ldc: number): void {
  const ap = prevPackA;
  const bp = prevPackB;
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
        prevStore4(c, base, alpha, beta, c00, c01, c02, c03);
        prevStore4(c, base + ldc, alpha, beta, c10, c11, c12, c13);
        prevStore4(c, base + 2 * ldc, alpha, beta, c20, c21, c22, c23);
        prevStore4(c, base + 3 * ldc, alpha, beta, c30, c31, c32, c33);
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
function prevStore4(c: Float64Array, i: number, alpha: number, beta: number, v0: number, v1: number, v2: number, v3: number): void {
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
// ------------------------------------------- end of the baseline -------------------------------------------

const rng = createRng(0);
console.log(`GEMM float64, one thread, median of ${REPS} (GFLOP/s); "previous" is the baseline kernel above`);
console.log('shape                      m    n    k   blocked  previous   naive   vs previous  vs naive');
for (const [label, tA, tB, m, n, k] of SHAPES) {
  const a = rng.fillNormal(new Float64Array(m * k));
  const b = rng.fillNormal(new Float64Array(k * n));
  const c = new Float64Array(m * n);
  const lda = tA ? m : k;
  const ldb = tB ? k : n;
  const flops = 2 * m * n * k;
  const fast = gflops(flops, () => gemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n));
  const prev = gflops(flops, () => gemmPrevious(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n));
  const slow = gflops(flops, () => naive(tA, tB, m, n, k, a, lda, b, ldb, c, n));
  const row = `${label.padEnd(26)}${String(m).padStart(4)} ${String(n).padStart(4)} ${String(k).padStart(4)}`;
  const rates = `${fast.toFixed(2).padStart(8)}  ${prev.toFixed(2).padStart(8)}  ${slow.toFixed(2).padStart(6)}`;
  console.log(`${row} ${rates}   ${(fast / prev).toFixed(2).padStart(9)}x  ${(fast / slow).toFixed(1).padStart(6)}x`);
}
