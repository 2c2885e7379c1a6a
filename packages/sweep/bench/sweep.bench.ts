// Benchmark of the sweep engine (depths 5..40, both archs). Prints, measured in this run:
//  1. main-thread busy share of all CPU time over a 72,000-cell sweep (2 threads) and the Amdahl
//     projection to 16 threads;
//  2. the 1 -> 2 thread speed-up at 7,200 and 72,000 cells (medians of BENCH_RUNS alternating runs);
//  3. the machine's own ceiling: the bare cell kernel in one process, then in two processes at once
//     (no pool, no files): what 2 threads can gain on this machine at this moment;
//  4. 720,000 cells (target 4: <= 15 s on 2 threads, RSS < 1 GB on 16): whole-process wall time, CPU and peak RSS at
//     2 and 16 threads beside the same sweep on today's JS cell kernel (RESNET_CELL_KERNEL=js), the folder's file
//     sizes, and the merge of the grid swept as two shards, each sweep in its own child process (skip with BENCH_BIG=0).
// Formats: BENCH_FORMATS (default parquet, the default output; BENCH_FORMATS=parquet,jsonl adds JSON Lines).
// Run after `npm run build`: `npm run bench` in packages/sweep.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mergeSweeps, parseDepths, parseFormats, runSweep, type SweepOptions } from '@resnet/sweep';
import { mainThreadCpuSeconds, processCpuSeconds } from './mainThreadCpu.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const BIG = process.env['BENCH_BIG'] !== '0';
const depths = parseDepths('5..40');
const formats = parseFormats(process.env['BENCH_FORMATS'] ?? 'parquet'); // the default output; e.g. BENCH_FORMATS=parquet,jsonl
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (n: number) => n.toLocaleString('en-US');

function options(seeds: number, threads: number, out: string): SweepOptions {
  return { depths, seeds: { start: 0, count: seeds }, threads, formats: [...formats], out };
}

async function timed(
  seeds: number,
  threads: number,
): Promise<{ seconds: number; mainCpu: number | null; cpu: number }> {
  const out = mkdtempSync(join(tmpdir(), 'sweep-bench-'));
  const main0 = mainThreadCpuSeconds();
  const cpu0 = processCpuSeconds();
  const t0 = performance.now();
  await runSweep(options(seeds, threads, out));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = processCpuSeconds() - cpu0;
  const main1 = mainThreadCpuSeconds();
  rmSync(out, { recursive: true, force: true });
  return { seconds, mainCpu: main0 === null || main1 === null ? null : main1 - main0, cpu };
}

console.log(
  `@resnet/sweep bench: depths 5..40, plain + residual, formats ${formats.join(',')}; medians of ${RUNS} runs`,
);
// Wall-clock speed-ups mean little on a machine others keep busy: say how busy it was.
const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
console.log(`start: ${load()}`);
await timed(100, 2); // warm the file cache and the disk

// 1 and 2. Speed-up 1 -> 2 threads; the 2-thread 72,000-cell runs also give the main thread's share.
for (const seeds of [100, 1000]) {
  const one: number[] = [];
  const two: number[] = [];
  const cpuOne: number[] = [];
  const cpuTwo: number[] = [];
  const shares: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await timed(seeds, 1);
    one.push(s.seconds);
    cpuOne.push(s.cpu);
    const t = await timed(seeds, 2);
    two.push(t.seconds);
    cpuTwo.push(t.cpu);
    if (t.mainCpu !== null) shares.push(t.mainCpu / t.cpu);
  }
  const cells = 72 * seeds;
  console.log(
    `${fmt(cells).padStart(7)} cells: 1 thread ${median(one).toFixed(2)} s, 2 threads ${median(two).toFixed(2)} s, speed-up ${(median(one) / median(two)).toFixed(2)}x; ` +
      `CPU ${median(cpuOne).toFixed(2)} s vs ${median(cpuTwo).toFixed(2)} s (${load()})`,
  );
  if (seeds === 1000 && shares.length) {
    const s = median(shares);
    console.log(
      `         main-thread CPU / all CPU (2 threads): ${(100 * s).toFixed(2)}% (main: /proc/self/task/<pid>/stat; all: process.cpuUsage)`,
    );
    console.log(
      `         Amdahl projection with that serial share: ${(1 / (s + (1 - s) / 16)).toFixed(1)}x on 16 threads`,
    );
  }
}

// 3. The machine's ceiling, measured now: the bare kernel's cells/s in one process, then in two at once.
const kernel = fileURLToPath(new URL('./kernelChild.mjs', import.meta.url));
const kernelRate = (ms: number) =>
  new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [kernel, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(Number(text)) : reject(new Error(`kernelChild exited ${code}`))));
  });
await new Promise((r) => setTimeout(r, 1000)); // the last sweep's idle workers end in the background
// One process before and after the pair, so a drift in the machine's speed shows in both terms.
const before = await kernelRate(3000);
const pair = await Promise.all([kernelRate(3000), kernelRate(3000)]);
const alone = (before + (await kernelRate(3000))) / 2;
console.log(
  `machine ceiling: bare kernel ${fmt(Math.round(alone))} cells/s in one process, ${fmt(Math.round(pair[0]! + pair[1]!))} in two at once: ` +
    `${((pair[0]! + pair[1]!) / alone).toFixed(2)}x is all 2 threads can gain here now (${load()})`,
);

// 4. 720,000 cells, each sweep in its own child process: whole-process wall time (measured here, from spawn to exit),
// CPU of every thread, peak RSS (process.resourceUsage().maxRSS) and file sizes. Target 4: <= 15 s on 2 threads and
// RSS < 1 GB on 16; the baseline is the same sweep with today's JS cell kernel (RESNET_CELL_KERNEL=js) in this run.
// Then the grid as two shards and `mergeSweeps` of them, timed (merge must stay seconds).
if (BIG) {
  const child = fileURLToPath(new URL('./rssChild.mjs', import.meta.url));
  const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
  const big = (threads: number, kernel: string, extra: Partial<SweepOptions> = {}) => {
    const out = mkdtempSync(join(tmpdir(), 'sweep-bench-big-'));
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [child, JSON.stringify({ ...options(10_000, threads, out), ...extra })], {
      encoding: 'utf8',
      env: { ...process.env, RESNET_CELL_KERNEL: kernel },
    });
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`720,000-cell child failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout) as {
      seconds: number;
      cpuSeconds: number;
      maxRssBytes: number;
      sizes: Record<string, number>;
    };
    return { ...m, wall, out };
  };
  const line = (label: string, m: ReturnType<typeof big>) =>
    `${label}: ${m.wall.toFixed(1)} s whole process (runSweep ${m.seconds.toFixed(1)} s), CPU ${m.cpuSeconds.toFixed(1)} s, ` +
    `peak RSS ${mb(m.maxRssBytes)} (${load()})`;
  const two = big(2, 'auto');
  console.log(line('720,000 cells,  2 threads', two));
  console.log(
    `         files: ${Object.entries(two.sizes)
      .map(([f, b]) => `${f} ${mb(b)}`)
      .join(', ')}`,
  );
  rmSync(two.out, { recursive: true, force: true });
  const baseline = big(2, 'js');
  rmSync(baseline.out, { recursive: true, force: true });
  console.log(line('         baseline: JS cell kernel (today), 2 threads', baseline));
  const sixteen = big(16, 'auto');
  rmSync(sixteen.out, { recursive: true, force: true });
  console.log(line('720,000 cells, 16 threads', sixteen));
  console.log(
    `target 4: ${two.wall.toFixed(1)} s on 2 threads (<= 15 s; ${(baseline.wall / two.wall).toFixed(2)}x faster than the JS ` +
      `kernel's ${baseline.wall.toFixed(1)} s, CPU ${(baseline.cpuSeconds / two.cpuSeconds).toFixed(2)}x less), ` +
      `peak RSS ${mb(sixteen.maxRssBytes)} on 16 threads (< 1 GB)`,
  );
  const shards = [1, 2].map((index) => big(2, 'auto', { shard: { index, count: 2 } }));
  const merged = mkdtempSync(join(tmpdir(), 'sweep-bench-merged-'));
  const m0 = performance.now();
  await mergeSweeps(
    shards.map((s) => s.out),
    merged,
  );
  const mergeSeconds = (performance.now() - m0) / 1000;
  for (const d of [merged, ...shards.map((s) => s.out)]) rmSync(d, { recursive: true, force: true });
  console.log(
    `merge of the 720,000 cells as 2 shards (${shards.map((s) => s.wall.toFixed(1)).join(' + ')} s to sweep): ` +
      `${mergeSeconds.toFixed(1)} s`,
  );
} else {
  console.log('720,000-cell runs skipped (BENCH_BIG=0)');
}
