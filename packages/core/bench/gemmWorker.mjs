// One worker thread of gemm.bench.ts's 2-core figure: waits at a shared barrier so both threads start
// together, then times core's gemm (built dist) at one shape, on operands in an arena as training runs it,
// for workerData.ms milliseconds in ~40 ms chunks after a 200 ms warm-up, and posts the median GFLOP/s of
// its chunks.
import { parentPort, workerData } from 'node:worker_threads';
import { createArena, createRng, gemm } from '../dist/index.js';

const { tA, tB, m, n, k, ms, barrier } = workerData;
const rng = createRng(7);
const arena = createArena(8 * (m * k + k * n + m * n) + 256);
const a = rng.fillNormal(arena.f64(m * k));
const b = rng.fillNormal(arena.f64(k * n));
const c = arena.f64(m * n);
const lda = tA ? m : k;
const ldb = tB ? k : n;
const run = () => gemm(tA, tB, m, n, k, 1, a, lda, b, ldb, 0, c, n);
let t = performance.now();
let calls = 0;
while (performance.now() - t < 200) {
  run();
  calls++;
}
const perChunk = Math.max(1, Math.ceil(40 / ((performance.now() - t) / calls)));
// barrier: count in, then wait until every thread has arrived
const flag = new Int32Array(barrier);
Atomics.add(flag, 0, 1);
while (Atomics.load(flag, 0) < flag[1]) Atomics.wait(flag, 0, Atomics.load(flag, 0), 5);
const rates = [];
const end = performance.now() + ms;
while (performance.now() < end) {
  t = performance.now();
  for (let i = 0; i < perChunk; i++) run();
  rates.push((2 * m * n * k * perChunk) / ((performance.now() - t) * 1e6));
}
rates.sort((x, y) => x - y);
parentPort.postMessage(rates[Math.floor(rates.length / 2)]);
