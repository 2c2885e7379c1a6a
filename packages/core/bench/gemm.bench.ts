// GFLOP/s of core's blocked GEMM (train/gemm.ts) at the shapes an MLP of batch 128 uses in training,
// beside the naive triple loop measured in the same run. One thread; medians of REPS timings.
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

/** Median GFLOP/s of fn, each timing repeating it for at least ~40 ms. */
function gflops(flops: number, fn: () => void): number {
  fn();
  const t0 = performance.now();
  fn();
  const once = Math.max(performance.now() - t0, 1e-3);
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

const rng = createRng(0);
console.log(`GEMM float64, one thread, median of ${REPS} (GFLOP/s)`);
console.log('shape                      m    n    k   blocked   naive   speed-up');
for (const [label, tA, tB, m, n, k] of SHAPES) {
  const a = rng.fillNormal(new Float64Array(m * k));
  const b = rng.fillNormal(new Float64Array(k * n));
  const c = new Float64Array(m * n);
  const lda = tA ? m : k;
  const ldb = tB ? k : n;
  const flops = 2 * m * n * k;
  const fast = gflops(flops, () => gemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n));
  const slow = gflops(flops, () => naive(tA, tB, m, n, k, a, lda, b, ldb, c, n));
  const row = `${label.padEnd(26)}${String(m).padStart(4)} ${String(n).padStart(4)} ${String(k).padStart(4)}`;
  console.log(`${row}   ${fast.toFixed(2).padStart(6)}  ${slow.toFixed(2).padStart(6)}   ${(fast / slow).toFixed(1)}x`);
}
