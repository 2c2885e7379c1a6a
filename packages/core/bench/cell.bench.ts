// Cells per second of @resnet/core's `cell` on one thread over the README grid:
// depths 5..40 (every integer) x seeds 0..99 x {plain, residual}, width 16 = 7,200 cells.
// Not a test: prints medians of a few runs. Run with `npm run bench`.
import { cell, cellLayout, cellNormalCount, createRng, resolveNetworkConfig, type Arch } from '../src/index.js';

const ARCH_LIST: Arch[] = ['plain', 'residual'];
const DEPTHS = Array.from({ length: 36 }, (_, i) => i + 5);
const SEEDS = 100;
const RUNS = 7;
const NUMPY_CELLS_PER_S = 650; // the notebook's own numpy code on this machine (11 s for this grid)

const out = new Float64Array(cellLayout({ arch: 'residual', depth: 40 }).length);

/** Every cell draws its own RandomState(seed), as the golden contract states it. */
function ownStreams(): void {
  for (const arch of ARCH_LIST) for (const depth of DEPTHS) for (let seed = 0; seed < SEEDS; seed++) cell({ arch, depth, seed }, out);
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void): number {
  fn(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

const cells = ARCH_LIST.length * DEPTHS.length * SEEDS;
const normals = new Float64Array(1_000_000);
const rng = createRng(1);
const normalNs = (time(() => rng.fillNormal(normals)) * 1e6) / normals.length;
const own = time(ownStreams);
const shared = time(sharedStreams);
const row = (name: string, ms: number) =>
  `${name.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${Math.round((cells / ms) * 1000).toLocaleString('en-US').padStart(9)} cells/s  ${((cells / ms) * 1000 / NUMPY_CELLS_PER_S).toFixed(1).padStart(5)}x numpy`;
console.log(`@resnet/core cell, one thread, ${cells.toLocaleString('en-US')} cells (median of ${RUNS} runs)`);
console.log(row('own RandomState per cell', own));
console.log(row('shared stream per seed', shared));
console.log(`numpy-exact normal: ${normalNs.toFixed(1)} ns each (fillNormal, 1e6 draws)`);
