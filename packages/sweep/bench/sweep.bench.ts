// Benchmark: the README grid (--depths 5..40 --seeds 100, both archs: 7,200 cells) on one worker
// thread and on the default pool. Prints medians of a few alternating runs: wall time of runSweep
// (pool start, compute, cells.jsonl/summary.csv/manifest.json) and the compute-phase rate.
// BENCH_RUNS (default 5) and BENCH_SEEDS (default 100, e.g. 1000 for a 72,000-cell grid) adjust it.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDepths, parseSeeds, runSweep } from '@resnet/sweep';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const grid = { depths: parseDepths('5..40'), seeds: parseSeeds(process.env['BENCH_SEEDS'] ?? '100') };
const cells = 72 * grid.seeds.count;
const pool = availableParallelism();

interface Sample {
  /** Wall seconds of the whole runSweep call. */
  seconds: number;
  /** Cells per second between the first and the last computed cell (progress events). */
  computeRate: number;
}

async function once(threads: number): Promise<Sample> {
  const out = mkdtempSync(join(tmpdir(), 'sweep-bench-'));
  let first = 0;
  let last = 0;
  let firstDone = 0;
  const t0 = performance.now();
  const r = await runSweep({ ...grid, threads, out }, {
    progressIntervalMs: 10,
    onProgress: (p) => {
      const now = performance.now();
      if (p.done > 0 && first === 0) [first, firstDone] = [now, p.done];
      if (p.done === p.total && last === 0) last = now;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  return { seconds, computeRate: ((r.computed - firstDone) * 1000) / (last - first) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const samples: Record<string, Sample[]> = { one: [], pool: [] };
await once(pool); // warm the file cache and the disk
for (let i = 0; i < RUNS; i++) {
  samples['one']!.push(await once(1));
  samples['pool']!.push(await once(pool));
}
const one = { seconds: median(samples['one']!.map((s) => s.seconds)), rate: median(samples['one']!.map((s) => s.computeRate)) };
const many = { seconds: median(samples['pool']!.map((s) => s.seconds)), rate: median(samples['pool']!.map((s) => s.computeRate)) };
const row = (name: string, s: { seconds: number; rate: number }) =>
  `${name.padEnd(12)} ${s.seconds.toFixed(3).padStart(8)} s ${(cells / s.seconds).toFixed(0).padStart(9)} cells/s ${s.rate.toFixed(0).padStart(12)} cells/s`;
console.log(`${cells === 7200 ? 'README grid: ' : ''}${cells.toLocaleString('en-US')} cells (depths 5..40, seeds 0..${grid.seeds.count - 1}, plain + residual); median of ${RUNS} runs each`);
console.log(`${''.padEnd(12)} ${'runSweep'.padStart(10)} ${'end to end'.padStart(17)} ${'compute phase'.padStart(20)}`);
console.log(row('1 thread', one));
console.log(row(`pool (${pool})`, many));
console.log(`speed-up     ${(one.seconds / many.seconds).toFixed(2).padStart(8)}x ${''.padStart(17)} ${(many.rate / one.rate).toFixed(2).padStart(12)}x`);
