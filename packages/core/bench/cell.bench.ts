// Cells per second of @resnet/core's `cell` on one thread over the README grid:
// depths 5..40 (every integer) x seeds 0..99 x {plain, residual}, width 16 = 7,200 cells,
// beside the notebook's numpy loop over the same grid measured in the same run (bench/numpyGrid.py),
// runs alternating. Not a test: prints medians. Run with `npm run bench`.
import { median, numpyUnavailable, runNumpy } from '../../../bench/numpyBaseline.js';
import { cell, cellLayout, cellNormalCount, createRng, resolveNetworkConfig, type Arch } from '../src/index.js';

const ARCH_LIST: Arch[] = ['plain', 'residual'];
const DEPTHS = Array.from({ length: 36 }, (_, i) => i + 5);
const SEEDS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const out = new Float64Array(cellLayout({ arch: 'residual', depth: 40 }).length);

/** Every cell draws its own RandomState(seed), as the golden contract states it. */
function ownStreams(): void {
  for (const arch of ARCH_LIST)
    for (const depth of DEPTHS) for (let seed = 0; seed < SEEDS; seed++) cell({ arch, depth, seed }, out);
}

/** Each seed's normal stream drawn once; every cell of that seed reads its prefix (bit-identical). */
const maxDraws = cellNormalCount(resolveNetworkConfig({ arch: 'residual', depth: 40 }));
const stream = new Float64Array(maxDraws);
function sharedStreams(): void {
  for (let seed = 0; seed < SEEDS; seed++) {
    createRng(seed).fillNormal(stream);
    for (const arch of ARCH_LIST) for (const depth of DEPTHS) cell({ arch, depth, seed }, out, 0, stream);
  }
}

/** Milliseconds of one call. */
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const cells = ARCH_LIST.length * DEPTHS.length * SEEDS;
const normals = new Float64Array(1_000_000);
const rng = createRng(1);
ownStreams(); // warm-up
sharedStreams();
const missing = numpyUnavailable();
const samples = { own: [] as number[], shared: [] as number[], numpy: [] as number[], normal: [] as number[] };
for (let r = 0; r < RUNS; r++) {
  if (!missing) samples.numpy.push(runNumpy().cellsPerSecond);
  samples.own.push(time(ownStreams));
  samples.shared.push(time(sharedStreams));
  samples.normal.push(time(() => rng.fillNormal(normals)));
}
const numpyRate = missing ? null : median(samples.numpy);
const row = (name: string, ms: number) => {
  const rate = (cells / ms) * 1000;
  const vs = numpyRate === null ? '' : `  ${(rate / numpyRate).toFixed(1).padStart(5)}x numpy`;
  return `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round(rate).toLocaleString('en-US').padStart(9)} cells/s${vs}`;
};
console.log(
  `@resnet/core cell, one thread, ${cells.toLocaleString('en-US')} cells (median of ${RUNS} runs, alternating with numpy)`,
);
console.log(row('own RandomState per cell', median(samples.own)));
console.log(row('shared stream per seed', median(samples.shared)));
if (numpyRate === null) console.log(`numpy baseline: not measured: ${missing}. No ratio to numpy is printed.`);
else
  console.log(
    `numpy (bench/numpyGrid.py, the notebook's loop), same grid, this run: ${Math.round(numpyRate).toLocaleString('en-US')} cells/s (${samples.numpy.map((x) => Math.round(x)).join(', ')})`,
  );
console.log(
  `numpy-exact normal: ${((median(samples.normal) * 1e6) / normals.length).toFixed(1)} ns each (fillNormal, 1e6 draws)`,
);
