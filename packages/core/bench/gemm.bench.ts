// GFLOP/s of core's blocked GEMM (train/gemm.ts) at the shapes an MLP of batch 128 uses in training,
// on operands in a model's arena (as training runs it) and on plain arrays,
// beside the previous kernel (kept below as a labelled baseline) and the naive triple loop, all in the
// same run, and beside the scalar ceiling: what a register-only multiply-add loop reaches in V8 here.
// One thread (medians of REPS interleaved timings), then 2 threads (two workers, gemmWorker.mjs on the
// built dist, each doing GEMMs at once: the 2-core figure), against the machine peak (2 cores
// of AVX2+FMA, about 39 GFLOP/s double per core).
// Run with `npx tsx packages/core/bench/gemm.bench.ts` (BENCH_REPS to change the repetitions, BENCH_CLOCK=cpu to
// time the one-thread table by CPU time).
import { Worker } from 'node:worker_threads';
import { createArena, createRng, gemm, setTrainSimd, trainKernel } from '../src/index.js';
import { type GemmArgs, scaleC } from '../src/train/gemmJs.js';

const REPS = Number(process.env.BENCH_REPS ?? 7);
/** BENCH_CLOCK=cpu times the one-thread table by this process's CPU time: steadier when others share the cores. */
const CPU_CLOCK = process.env.BENCH_CLOCK === 'cpu';
/** Milliseconds on the chosen clock. */
function now(): number {
  if (!CPU_CLOCK) return performance.now();
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** [label, transA, transB, m, n, k]: forward x·Wᵀ, backward dX = dY·W and dW = dYᵀ·x. */
const SHAPES: [string, boolean, boolean, number, number, number][] = [
  ['forward 784->64  (x·Wᵀ)', false, true, 128, 64, 784],
  ['dW      784->64  (dYᵀ·x)', true, false, 64, 784, 128],
  ['forward 64->64   (x·Wᵀ)', false, true, 128, 64, 64],
  ['dX      64->64   (dY·W)', false, false, 128, 64, 64],
  ['dW      64->64   (dYᵀ·x)', true, false, 64, 64, 128],
  ['forward 64->10   (x·Wᵀ)', false, true, 128, 10, 64],
  ['dX      64->10   (dY·W)', false, false, 128, 64, 10],
  ['dW      64->10   (dYᵀ·x)', true, false, 10, 64, 128],
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

/**
 * Median GFLOP/s of each fn after ~200 ms of warm-up each (JIT tier-up). The timings are interleaved
 * (one ~40 ms timing of every fn per round), so a burst of noise from the host hits all of them alike.
 */
function gflops(flops: number, fns: (() => void)[]): number[] {
  const iters = fns.map((fn) => {
    const warm = now();
    let calls = 0;
    while (now() - warm < 200) {
      fn();
      calls++;
    }
    return Math.max(1, Math.ceil(40 / Math.max((now() - warm) / calls, 1e-3)));
  });
  const rates: number[][] = fns.map(() => []);
  for (let r = 0; r < REPS; r++) {
    fns.forEach((fn, f) => {
      const start = now();
      for (let i = 0; i < iters[f]; i++) fn();
      rates[f].push((flops * iters[f]) / ((now() - start) * 1e6));
    });
  }
  return rates.map((x) => x.sort((p, q) => p - q)[Math.floor(x.length / 2)]);
}

/**
 * GFLOP/s of 16 independent scalar multiply-adds per step, with 2 operands loaded per step (from a
 * 16-entry, L1-resident table, so no product is loop-invariant) and 8 held in registers: about the
 * most any scalar JS GEMM can reach here (V8 emits no SIMD and no FMA for JS arithmetic).
 */
function scalarCeiling(): number {
  const xs = createRng(1).fillNormal(new Float64Array(16));
  const ys = createRng(2).fillNormal(new Float64Array(16));
  const bs = createRng(3).fillNormal(new Float64Array(8));
  const steps = 2_000_000;
  // biome-ignore format: the accumulators read best as a grid
  const loop = (): number => {
    const [b0, b1, b2, b3, b4, b5, b6, b7] = bs;
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
    let d0 = 0, d1 = 0, d2 = 0, d3 = 0, d4 = 0, d5 = 0, d6 = 0, d7 = 0;
    for (let p = 0; p < steps; p++) {
      const x = xs[p & 15], y = ys[p & 15];
      c0 += x * b0; c1 += x * b1; c2 += x * b2; c3 += x * b3; c4 += x * b4; c5 += x * b5; c6 += x * b6; c7 += x * b7;
      d0 += y * b0; d1 += y * b1; d2 += y * b2; d3 += y * b3; d4 += y * b4; d5 += y * b5; d6 += y * b6; d7 += y * b7;
    }
    return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + d0 + d1 + d2 + d3 + d4 + d5 + d6 + d7;
  };
  let sink = 0;
  const [rate] = gflops(32 * steps, [() => (sink += loop())]);
  return Number.isFinite(sink) ? rate : 0;
}

// ---------------------------------------------------------------------------------------------------
// BASELINE ONLY, not used by training: the previous kernel of train/gemm.ts (4×4 register tile,
// 4-wide panels packed element by element with per-element branches, fixed 256-deep k-blocks), kept
// so this bench measures the current kernel against it in the same run: as it was apart from renaming,
// gemm's argument type, today's scaleC (the same code) and one packing function for A and B (the same
// code with the roles of rows and columns swapped).
// ---------------------------------------------------------------------------------------------------
const MR = 4;
const NR = 4;
/** Depth of a packed block: a 4×kc panel of A and of B (8 KiB each) stay in L1. */
const KC = 256;
/** Rows of A per packed block (mc×kc = 256 KiB, an L2-sized block). */
const MC = 128;
/** Columns of B per packed block. */
const NC = 1024;

let prevPackA: Float64Array = new Float64Array(MC * KC);
let prevPackB: Float64Array = new Float64Array(KC * NC);

/**
 * C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with leading dimensions lda, ldb, ldc;
 * op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k when transB).
 * With beta = 0, C is overwritten (NaNs in C do not propagate), as BLAS does.
 */
function gemmPrevious(...args: GemmArgs): Float64Array {
  const [transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc] = args;
  if (k === 0 || alpha === 0) {
    scaleC(c, m, n, ldc, beta);
    return c;
  }
  for (let jc = 0; jc < n; jc += NC) {
    const nc = Math.min(NC, n - jc);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = Math.min(KC, k - pc);
      prevPackB = prevPackPanels(prevPackB, transB, b, ldb, jc, nc, pc, kc);
      // The first k-block applies beta; later blocks accumulate into C.
      const betaHere = pc === 0 ? beta : 1;
      for (let ic = 0; ic < m; ic += MC) {
        const mc = Math.min(MC, m - ic);
        prevPackA = prevPackPanels(prevPackA, !transA, a, lda, ic, mc, pc, kc);
        prevMacroKernel(mc, nc, kc, alpha, betaHere, c, ic * ldc + jc, ldc);
      }
    }
  }
  return c;
}

/**
 * Packs `count` lines from `start` (rows of op(A), or columns of op(B)) over depths pc..pc+kc as 4-line panels,
 * each kc steps of 4 values (zero-padded; MR = NR), into out (grown when short; returned). Line i at depth p is
 * src[i*ld + p] when lineMajor (A untransposed, B transposed), else src[p*ld + i].
 */
function prevPackPanels(
  out: Float64Array,
  lineMajor: boolean,
  src: Float64Array,
  ld: number,
  start: number,
  count: number,
  pc: number,
  kc: number,
): Float64Array {
  const panels = Math.ceil(count / MR);
  const packed = out.length < panels * MR * kc ? new Float64Array(panels * MR * kc) : out;
  for (let ip = 0; ip < panels; ip++) {
    const i0 = start + ip * MR;
    const lines = Math.min(MR, start + count - i0);
    let o = ip * MR * kc;
    for (let p = 0; p < kc; p++, o += MR) {
      for (let r = 0; r < MR; r++) {
        packed[o + r] = r < lines ? (lineMajor ? src[(i0 + r) * ld + pc + p] : src[(pc + p) * ld + i0 + r]) : 0;
      }
    }
  }
  return packed;
}

/** Runs the 4×4 micro-kernel over every (A panel, B panel) pair of the packed blocks. */
// biome-ignore format: the 4×4 register tile reads best laid out as a grid, one row of C per line.
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
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
        const a0 = ap[ai], a1 = ap[ai + 1], a2 = ap[ai + 2], a3 = ap[ai + 3];
        const b0 = bp[bi], b1 = bp[bi + 1], b2 = bp[bi + 2], b3 = bp[bi + 3];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
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
function prevStore4(
  c: Float64Array,
  i: number,
  alpha: number,
  beta: number,
  v0: number,
  v1: number,
  v2: number,
  v3: number,
): void {
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
console.log(
  `GEMM float64, one thread, median of ${REPS} (GFLOP per ${CPU_CLOCK ? 'CPU' : 'wall'} second); "previous" is the baseline kernel above`,
);
console.log(`scalar ceiling (multiply-add loop, 2 loads per 16): ${scalarCeiling().toFixed(2)} GFLOP/s`);
console.log(
  `arena = gemm as training runs it (${trainKernel()}, operands in a model's memory, in place); heap = on plain` +
    ' arrays (copied into scratch memory); js = the JS kernel forced',
);
console.log(
  'shape                      m    n    k     arena    heap      js  previous   naive   vs previous  vs naive',
);
const arena = createArena(16 << 20);
for (const [label, tA, tB, m, n, k] of SHAPES) {
  const a = rng.fillNormal(new Float64Array(m * k));
  const b = rng.fillNormal(new Float64Array(k * n));
  const c = new Float64Array(m * n);
  const [aa, ba, ca] = [arena.f64(m * k), arena.f64(k * n), arena.f64(m * n)];
  aa.set(a);
  ba.set(b);
  const lda = tA ? m : k;
  const ldb = tB ? k : n;
  const flops = 2 * m * n * k;
  const simd = trainKernel() === 'wasm-simd';
  const [inArena, fast, js, prev, slow] = gflops(flops, [
    () => gemm(tA, tB, m, n, k, 1, aa, lda, ba, ldb, 0, ca, n),
    () => gemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n),
    () => {
      setTrainSimd(false);
      gemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n);
      setTrainSimd(simd);
    },
    () => gemmPrevious(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n),
    () => naive(tA, tB, m, n, k, a, lda, b, ldb, c, n),
  ]);
  const row = `${label.padEnd(26)}${String(m).padStart(4)} ${String(n).padStart(4)} ${String(k).padStart(4)}`;
  const rates = [inArena, fast, js, prev, slow].map((r) => r.toFixed(2).padStart(8)).join('');
  console.log(
    `${row} ${rates}   ${(inArena / prev).toFixed(2).padStart(9)}x  ${(inArena / slow).toFixed(1).padStart(6)}x`,
  );
}

/** Machine peak of the issue: 2 cores of AVX2+FMA at about 39 GFLOP/s double each. */
const PEAK_PER_CORE = 39;
const THREADS = 2;

/** Median GFLOP/s of each of `threads` workers doing this GEMM at the same time, for ms milliseconds. */
async function threadRates(
  threads: number,
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  ms: number,
): Promise<number[]> {
  const barrier = new SharedArrayBuffer(8);
  new Int32Array(barrier)[1] = threads;
  const url = new URL('./gemmWorker.mjs', import.meta.url);
  return Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((done, fail) => {
          const w = new Worker(url, { workerData: { tA, tB, m, n, k, ms, barrier } });
          w.once('message', (rate: number) => {
            done(rate);
            void w.terminate();
          });
          w.once('error', fail);
        }),
    ),
  );
}

console.log(
  `\nGEMM float64 as shipped (${trainKernel()}), 1 thread vs ${THREADS} worker threads at once (GFLOP/s, medians); peak ${PEAK_PER_CORE}/core, ${THREADS * PEAK_PER_CORE} on ${THREADS} cores`,
);
console.log('shape                      m    n    k  1 thread  2 threads  % of 2-core peak');
for (const [label, tA, tB, m, n, k] of SHAPES.filter(([label]) => !label.includes('256'))) {
  const [one] = await threadRates(1, tA, tB, m, n, k, 300 * REPS);
  const both = (await threadRates(THREADS, tA, tB, m, n, k, 300 * REPS)).reduce((x, y) => x + y, 0);
  const row = `${label.padEnd(26)}${String(m).padStart(4)} ${String(n).padStart(4)} ${String(k).padStart(4)}`;
  console.log(
    `${row}  ${one.toFixed(2).padStart(8)}  ${both.toFixed(2).padStart(9)}  ${((100 * both) / (THREADS * PEAK_PER_CORE)).toFixed(0).padStart(15)}%`,
  );
}
