// The machine's multiply-add ceilings, for cell.bench.ts (which runs this in its own process, WebAssembly straight to
// the optimising compiler): GFLOP/s of register-only loops in JS (scalar: V8 emits no SIMD and no FMA for JS
// arithmetic) and WebAssembly scalar f64 and f64x2 (bench/ceiling.wat, compiled here with the npm wabt package).
// Each step loads two values from a 16-entry table and does 8 independent multiply-adds acc_j += x·b_j / y·b_j, the
// b_j in registers. Prints one JSON line: { js, wasmScalar, wasmSimd }: the best of 9 timings of ~0.1-0.2 s of CPU
// each, after warm-up (a ceiling is a peak; on a busy machine a loop can also run for a while before V8 optimises it).
import { fileURLToPath } from 'node:url';
import { compileWat } from '../scripts/wat.mjs';

const STEPS = 16_000_000;
const xs = Float64Array.from({ length: 16 }, (_, i) => Math.sin(i + 1));
const ys = Float64Array.from({ length: 16 }, (_, i) => Math.cos(i + 1));
const b = Float64Array.of(0.5, -0.25, 0.125, 1.5);

// biome-ignore format: the accumulators read best as a grid
function jsLoop(steps = STEPS) {
  const b0 = b[0], b1 = b[1], b2 = b[2], b3 = b[3];
  let a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
  for (let p = 0; p < steps; p++) {
    const x = xs[p & 15], y = ys[p & 15];
    a0 += x * b0; a1 += x * b1; a2 += x * b2; a3 += x * b3; a4 += y * b0; a5 += y * b1; a6 += y * b2; a7 += y * b3;
  }
  return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
}

const bytes = await compileWat(fileURLToPath(new URL('./ceiling.wat', import.meta.url)));
const { mem, simd, scalar } = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
const table = new Float64Array(mem.buffer, 0, 64);
for (let i = 0; i < 32; i++) table[i] = xs[i & 15];
for (let i = 32; i < 64; i++) table[i] = ys[i & 15];

let sink = 0;
// Short calls first, so the code after the loop has type feedback too: a long first call is optimised mid-loop (OSR)
// and deoptimised at the final sum, which can leave it unoptimised call after call.
for (let r = 0; r < 200; r++) sink += jsLoop(1000);
/** Best GFLOP/s in CPU time of this process. */
function rate(flopsPerStep, fn) {
  for (let r = 0; r < 3; r++) sink += fn();
  let best = 0;
  for (let r = 0; r < 9; r++) {
    const c0 = process.cpuUsage();
    sink += fn();
    const c = process.cpuUsage(c0);
    best = Math.max(best, (flopsPerStep * STEPS) / ((c.user + c.system) * 1e3));
  }
  return best;
}
const result = {
  js: rate(16, jsLoop),
  wasmScalar: rate(16, () => scalar(STEPS, b[0], b[1], b[2], b[3])),
  wasmSimd: rate(32, () => simd(STEPS, b[0], b[1], b[2], b[3])),
};
if (!Number.isFinite(sink)) throw new Error('the ceiling loops overflowed');
console.log(JSON.stringify(result));
