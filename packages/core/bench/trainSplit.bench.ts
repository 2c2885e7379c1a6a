// Would one training run gain from a second core? The GEMMs of one step of a plain 32-layer MLP (batch 128,
// width 64; trainSplitStep.mjs) on one thread, and split by output features between THREADS threads on one shared
// WebAssembly memory with a barrier after each layer (the design the speed issue proposes: no sum split, the same bytes for
// any thread count, checked here), in paired rounds that alternate the two in this one run. GEMMs are about half a
// step's time; BatchNorm, ReLU and SGD split by features with no further barrier, so the split step's speed-up is
// about the GEMMs'. Also the barrier's round trip alone. Prints medians and the spread of the paired ratios: on a
// machine shared with other work, a team that waits at 64 barriers a step runs at the pace of its slowest thread.
// Run: `npx tsx packages/core/bench/trainSplit.bench.ts` (BENCH_REPS rounds, default 15; BENCH_THREADS, default 2;
// BENCH_SPIN barrier spins before sleeping, default 20000).
import { loadavg, cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { createRng, maxOf, minOf } from '../src/index.js';
import {
  BATCH,
  INPUTS,
  MAX_THREADS,
  createBarrier,
  gemmOn,
  sharedGemmModule,
  splitStep,
  stepLayout,
  stepMemory,
} from './trainSplitStep.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 15);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const SPIN = Number(process.env.BENCH_SPIN ?? 20000);
const STEPS = 40;
const BARRIER_ROUNDS = 20000;
if (!(THREADS >= 2 && THREADS <= MAX_THREADS)) throw new Error(`BENCH_THREADS: 2 to ${MAX_THREADS}, got ${THREADS}`);

/** Median of numbers. */
function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length % 2 ? v[v.length >> 1]! : (v[v.length / 2 - 1]! + v[v.length / 2]!) / 2;
}

/** The q-quantile (nearest rank) of numbers. */
function quantile(values: readonly number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.floor(q * v.length))]!;
}

// 1. The memory: sparse inputs (MNIST is 81% zeros), weights and output gradients from one stream.
const module = await sharedGemmModule();
const layout = stepLayout();
const memory = stepMemory(layout);
const f64 = new Float64Array(memory.buffer);
const rng = createRng(17);
const x = rng.fillNormal(new Float64Array(BATCH * INPUTS));
for (let i = 0; i < x.length; i++) if (rng.uniform() < 0.81) x[i] = 0;
f64.set(x, layout.x / 8);
for (const l of layout.layers) {
  rng.fillNormal(f64, l.w / 8, l.w / 8 + l.out * l.inDim, Math.sqrt(2 / l.inDim));
  rng.fillNormal(f64, l.dy / 8, l.dy / 8 + BATCH * l.out, 0.01);
}
const gemm = gemmOn(module, memory);
const barrierWords = new Int32Array(memory.buffer, layout.barrier, 2);
const go = new Int32Array(memory.buffer, layout.barrier + 16, 2);
const barrier = createBarrier(barrierWords, THREADS, SPIN);

// 2. The helpers, ready and waiting for a round.
const helpers: Worker[] = [];
for (let rank = 1; rank < THREADS; rank++) {
  const w = new Worker(new URL('./trainSplitWorker.mjs', import.meta.url), {
    workerData: { module, memory, rank, size: THREADS, spin: SPIN },
  });
  await new Promise((resolve) => w.once('message', resolve));
  helpers.push(w);
}
let round = 0;

/** One timed round: `steps` steps (or barrier rounds) on one thread, or on the team; wall and process CPU ms. */
async function timed(team: boolean, mode: 'step' | 'barrier', steps: number): Promise<{ wall: number; cpu: number }> {
  const done = team ? helpers.map((w) => new Promise((resolve) => w.once('message', resolve))) : [];
  if (team) for (const w of helpers) w.postMessage({ round: round + 1, steps, mode });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  if (team) {
    Atomics.store(go, 0, ++round);
    Atomics.notify(go, 0);
  }
  for (let i = 0; i < steps; i++) {
    if (mode === 'barrier') barrier();
    else if (team) splitStep(gemm, layout, 0, THREADS, barrier);
    else splitStep(gemm, layout, 0, 1, barrier);
  }
  await Promise.all(done);
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/** A copy of every array a step reads and writes (the bytes from x to the barrier words). */
function outputs(): Uint8Array {
  return new Uint8Array(memory.buffer, layout.x, layout.barrier - layout.x).slice();
}

// 3. The same bytes from one thread and from the team.
await timed(false, 'step', 1);
const one = outputs();
// Wipe every output (NaN), so the team must write each one again: y and dW of every layer, dX of all but the first.
for (const [i, l] of layout.layers.entries()) {
  f64.fill(Number.NaN, l.y / 8, l.y / 8 + BATCH * l.out);
  f64.fill(Number.NaN, l.dw / 8, l.dw / 8 + l.out * l.inDim);
  if (i > 0) f64.fill(Number.NaN, l.dx / 8, l.dx / 8 + BATCH * l.inDim);
}
await timed(true, 'step', 1);
const same = Buffer.from(one).equals(Buffer.from(outputs()));

// 4. Paired rounds: one thread, then the team, REPS times; and the barrier alone.
const load0 = loadavg()[0]!;
const solo: { wall: number; cpu: number }[] = [];
const team: { wall: number; cpu: number }[] = [];
await timed(false, 'step', 5);
await timed(true, 'step', 5);
for (let r = 0; r < REPS; r++) {
  solo.push(await timed(false, 'step', STEPS));
  team.push(await timed(true, 'step', STEPS));
}
const barrierRuns: number[] = [];
for (let r = 0; r < 3; r++)
  barrierRuns.push(((await timed(true, 'barrier', BARRIER_ROUNDS)).wall * 1000) / BARRIER_ROUNDS);
const barrierUs = median(barrierRuns);
for (const w of helpers) await w.terminate();

// 5. Report.
const perStep = (runs: { wall: number }[]) => median(runs.map((r) => r.wall)) / STEPS;
const cpuPerStep = (runs: { cpu: number }[]) => median(runs.map((r) => r.cpu)) / STEPS;
const ratios = solo.map((s, i) => s.wall / team[i]!.wall);
const f = (v: number, d = 2) => v.toFixed(d);
console.log(
  `\nOne training step's GEMMs, plain 32 layers, batch 128, width 64 (${cpus()[0]?.model}, ${cpus().length} vCPUs)`,
);
console.log(
  `load average ${f(load0)} -> ${f(loadavg()[0]!)}; ${REPS} paired rounds of ${STEPS} steps; barrier spin ${SPIN}`,
);
console.log(`same bytes on 1 and ${THREADS} threads: ${same ? 'yes' : 'NO'}`);
console.log(`1 thread:  ${f(perStep(solo))} ms/step wall, ${f(cpuPerStep(solo))} ms CPU`);
console.log(`${THREADS} threads: ${f(perStep(team))} ms/step wall, ${f(cpuPerStep(team))} ms CPU (all threads)`);
console.log(
  `speed-up (paired, 1 thread / ${THREADS} threads): median ${f(median(ratios))}, quartiles ${f(quantile(ratios, 0.25))}-${f(quantile(ratios, 0.75))}, range ${f(minOf(ratios))}-${f(maxOf(ratios))}; CPU ${f(cpuPerStep(team) / cpuPerStep(solo))}x`,
);
console.log(`barrier round trip on ${THREADS} threads: ${f(barrierUs, 1)} us (64 a step)`);
if (!same) process.exitCode = 1;
