// Cells per second of @resnet/core on one thread over the README grid: depths 5..40 (every integer) x seeds 0..99 x
// {plain, residual}, width 16 = 7,200 cells. Everything below is measured in this run, runs alternating:
//  1. the baselines: today's JS kernel (CellRunner({ kernel: 'js' })) with its own RandomState per cell, and with each
//     seed's stream drawn once and passed to every cell of the seed (the "shared stream per seed" row), and the
//     notebook's numpy loop over the same grid (bench/numpyGrid.py);
//  2. the WebAssembly SIMD kernel: through cell() (a spec object per call) and through prepared shapes
//     (CellRunner.prepare/runPrepared, what the sweep worker does): the target-1 figure (>= 3x the shared-stream
//     baseline, >= 40,000 cells/s);
//  3. GFLOP/s of the kernels (the multiply-adds of W·x and Wᵀ·dz) beside the machine's multiply-add ceilings: a
//     register-only loop in JS and in WebAssembly (scalar and f64x2, bench/ceiling.wat), run by bench/ceilings.mjs.
// Rates are medians over the runs, in wall time and in CPU time of this process (steadier when the machine is shared).
// The kernels are the built package (dist, what users run; `npm run bench` builds first). Not a test. Run with
// `npm run bench` (BENCH_RUNS, default 5).
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median, numpyUnavailable, runNumpy } from '../../../bench/numpyBaseline.js';
import {
  CellRunner,
  cellLayout,
  cellNormalCount,
  createRng,
  layerCount,
  layerShape,
  resolveNetworkConfig,
  type Arch,
  type CellSpec,
} from '@resnet/core';

const ARCH_LIST: Arch[] = ['plain', 'residual'];
const DEPTHS = Array.from({ length: 36 }, (_, i) => i + 5);
const SEEDS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const cells = ARCH_LIST.length * DEPTHS.length * SEEDS;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const out = new Float64Array(cellLayout({ arch: 'residual', depth: 40 }).length);
const specs: CellSpec[] = ARCH_LIST.flatMap((arch) => DEPTHS.map((depth) => ({ arch, depth, seed: 0 })));
const js = new CellRunner({ kernel: 'js' });
const wasm = new CellRunner();
if (wasm.kernel !== 'wasm') console.log('WebAssembly SIMD is unavailable here: the "wasm" rows run the JS kernel.');

/** Baseline: every cell draws its own RandomState(seed), as the golden contract states it (the stream passed in). */
const maxDraws = cellNormalCount(resolveNetworkConfig({ arch: 'residual', depth: 40 }));
const own = new Float64Array(maxDraws);
function jsOwn(): void {
  for (const spec of specs) {
    for (let seed = 0; seed < SEEDS; seed++) {
      createRng(seed).fillNormal(own, 0, cellNormalCount(resolveNetworkConfig(spec)));
      js.run({ ...spec, seed }, out, 0, own);
    }
  }
}
/** Baseline: each seed's normal stream drawn once; every cell of that seed reads its prefix (bit-identical). */
const stream = new Float64Array(maxDraws);
function jsShared(): void {
  for (let seed = 0; seed < SEEDS; seed++) {
    createRng(seed).fillNormal(stream);
    for (const spec of specs) js.run({ ...spec, seed }, out, 0, stream);
  }
}
/** The WebAssembly kernel through CellRunner.run (a spec object per call; the runner keeps the seed's stream). */
function wasmRun(): void {
  for (let seed = 0; seed < SEEDS; seed++) for (const spec of specs) wasm.run({ ...spec, seed }, out);
}
/** The WebAssembly kernel on prepared shapes, seed-major: what the sweep worker runs. */
const prepared = specs.map((spec) => wasm.prepare(spec));
function wasmPrepared(): void {
  for (let seed = 0; seed < SEEDS; seed++) for (const cell of prepared) wasm.runPrepared(cell, seed, out);
}
/** Kernel only: one seed over and over (its stream stays drawn), so no random number is generated. */
function wasmKernelOnly(): void {
  for (let seed = 0; seed < SEEDS; seed++) for (const cell of prepared) wasm.runPrepared(cell, 7, out);
}
const jsPrepared = specs.map((spec) => js.prepare(spec));
function jsKernelOnly(): void {
  for (let seed = 0; seed < SEEDS; seed++) for (const cell of jsPrepared) js.runPrepared(cell, 7, out);
}

/** Wall and CPU milliseconds of one call. */
function time(fn: () => void): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

// 1 and 2. The grid, every way, alternating.
const ways = { jsOwn, jsShared, wasmRun, wasmPrepared, wasmKernelOnly, jsKernelOnly };
type Way = keyof typeof ways;
// Warm-up: slots, streams and the JIT tiers (on a busy machine V8's background compilers get CPU late).
for (let r = 0; r < 3; r++) for (const fn of Object.values(ways)) fn();
const missing = numpyUnavailable();
const samples = Object.fromEntries(
  Object.keys(ways).map((k) => [k, { wall: [] as number[], cpu: [] as number[] }]),
) as Record<Way, { wall: number[]; cpu: number[] }>;
const numpy: number[] = [];
const load0 = loadavg()[0]!;
for (let r = 0; r < RUNS; r++) {
  if (!missing) numpy.push(runNumpy().cellsPerSecond);
  for (const [name, fn] of Object.entries(ways) as [Way, () => void][]) {
    const t = time(fn);
    samples[name].wall.push(t.wall);
    samples[name].cpu.push(t.cpu);
  }
}
const rate = (name: Way, kind: 'wall' | 'cpu') => (cells / median(samples[name][kind])) * 1000;
const numpyRate = missing ? null : median(numpy);

const cpuModel = (() => {
  try {
    const text = execFileSync('lscpu', { encoding: 'utf8' });
    return /Model name:\s*(.+)/.exec(text)?.[1]?.trim() ?? 'unknown';
  } catch {
    return 'unknown (no lscpu)';
  }
})();
console.log(
  `@resnet/core cell kernel, one thread, README grid (${fmt(cells)} cells), medians of ${RUNS} alternating runs; ` +
    `CPU ${cpuModel}; load average ${load0.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)} (2 cores, shared)`,
);
const row = (label: string, name: Way, base: Way | null = 'jsShared') => {
  const wall = rate(name, 'wall');
  const cpu = rate(name, 'cpu');
  const ratio = base
    ? `  ${(rate(name, 'cpu') / rate(base, 'cpu')).toFixed(2)}x (CPU) / ${(wall / rate(base, 'wall')).toFixed(2)}x (wall) the baseline`
    : '';
  const vsNumpy = numpyRate ? `  ${(wall / numpyRate).toFixed(1)}x numpy` : '';
  console.log(
    `${label.padEnd(58)} ${fmt(wall).padStart(8)} cells/s wall ${fmt(cpu).padStart(8)} CPU${ratio}${vsNumpy}`,
  );
};
row('baseline: JS kernel, own RandomState per cell', 'jsOwn', null);
row('baseline: JS kernel, shared stream per seed (today)', 'jsShared', null);
row('WebAssembly kernel, cell spec per call (CellRunner.run)', 'wasmRun');
row('WebAssembly kernel, prepared shapes (the sweep worker)', 'wasmPrepared');
row('  of which kernel only (one seed: no draws), WebAssembly', 'wasmKernelOnly', 'jsKernelOnly');
row('  of which kernel only (one seed: no draws), JS', 'jsKernelOnly', null);
const target = rate('wasmPrepared', 'cpu');
console.log(
  `target 1 (>= 3x the shared-stream baseline, >= 40,000 cells/s): ${fmt(target)} cells/s CPU, ` +
    `${(target / rate('jsShared', 'cpu')).toFixed(2)}x; ${fmt(rate('wasmPrepared', 'wall'))} cells/s wall, ` +
    `${(rate('wasmPrepared', 'wall') / rate('jsShared', 'wall')).toFixed(2)}x`,
);
if (numpyRate === null) console.log(`numpy baseline: not measured: ${missing}. No ratio to numpy is printed.`);
else
  console.log(
    `numpy (bench/numpyGrid.py, the notebook's loop), same grid, this run: ${fmt(numpyRate)} cells/s (${numpy.map(fmt).join(', ')})`,
  );

// 3. GFLOP/s: 2 flops per multiply-add of W·x (forward) and Wᵀ·dz (backward), over the grid's layer shapes. Neither
// kernel forms the outer product dz·xᵀ at batch 1 (||dW|| = ||dz||·||x||), so it is not counted.
let flops = 0;
for (const spec of specs) {
  const config = resolveNetworkConfig(spec);
  for (let l = 0; l < layerCount(config); l++) {
    const [m, k] = layerShape(config, l);
    flops += 4 * m * k;
  }
}
const flopsPerCell = flops / specs.length;
const gflops = (name: Way) => (flopsPerCell * rate(name, 'cpu')) / 1e9;
const ceilings = JSON.parse(
  execFileSync(
    process.execPath,
    // WebAssembly straight to the optimising compiler (no baseline tier to leave on a busy machine).
    ['--no-liftoff', fileURLToPath(new URL('./ceilings.mjs', import.meta.url))],
    { encoding: 'utf8' },
  ),
) as { js: number; wasmScalar: number; wasmSimd: number };
console.log(
  `GFLOP/s (${fmt(flopsPerCell)} flops a cell, CPU time): WebAssembly ${gflops('wasmPrepared').toFixed(2)} with the draws, ` +
    `${gflops('wasmKernelOnly').toFixed(2)} kernel only; JS ${gflops('jsShared').toFixed(2)} with the draws, ` +
    `${gflops('jsKernelOnly').toFixed(2)} kernel only`,
);
console.log(
  `multiply-add ceilings measured now (register-only loops): JS scalar ${ceilings.js.toFixed(2)}, WebAssembly scalar ` +
    `${ceilings.wasmScalar.toFixed(2)}, WebAssembly f64x2 ${ceilings.wasmSimd.toFixed(2)} GFLOP/s: the kernel reaches ` +
    `${((100 * gflops('wasmKernelOnly')) / ceilings.wasmSimd).toFixed(0)}% of the f64x2 ceiling, the JS kernel ` +
    `${((100 * gflops('jsKernelOnly')) / ceilings.js).toFixed(0)}% of the JS one`,
);
