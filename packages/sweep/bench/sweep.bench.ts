// Benchmark of the sweep engine (depths 5..40, both archs). Prints, measured in this run:
//  1. main-thread busy share of all CPU time over a 72,000-cell sweep (2 threads) and the Amdahl
//     projection to 16 threads;
//  2. the 1 -> 2 thread speed-up at 7,200 and 72,000 cells (medians of BENCH_RUNS alternating runs);
//  3. the machine's own ceiling: the bare cell kernel in one process, then in two processes at once
//     (no pool, no files): what 2 threads can gain on this machine at this moment;
//  4. peak RSS at 2 and 16 threads and the folder's file sizes at 720,000 cells, each sweep in its own
//     child process (skip with BENCH_BIG=0).
// Formats: BENCH_FORMATS (default parquet, the default output; BENCH_FORMATS=parquet,jsonl adds JSON Lines).
// Run after `npm run build`: `npm run bench` in packages/sweep.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDepths, parseFormats, runSweep, type SweepOptions } from '@resnet/sweep';
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

// 4. 720,000 cells in child processes: peak RSS (process.resourceUsage().maxRSS: every thread) and file sizes.
if (BIG) {
  const child = fileURLToPath(new URL('./rssChild.mjs', import.meta.url));
  for (const threads of [2, 16]) {
    const out = mkdtempSync(join(tmpdir(), 'sweep-bench-big-'));
    const r = spawnSync(process.execPath, [child, JSON.stringify(options(10_000, threads, out))], { encoding: 'utf8' });
    rmSync(out, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`720,000-cell child failed: ${r.stderr}`);
    const m = JSON.parse(r.stdout) as { seconds: number; maxRssBytes: number; sizes: Record<string, number> };
    const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
    console.log(
      `720,000 cells on ${String(threads).padStart(2)} threads: ${m.seconds.toFixed(1)} s, peak RSS ${mb(m.maxRssBytes)}` +
        (threads === 2
          ? `; ${Object.entries(m.sizes)
              .map(([f, b]) => `${f} ${mb(b)}`)
              .join(', ')}`
          : ''),
    );
  }
} else {
  console.log('720,000-cell runs skipped (BENCH_BIG=0)');
}
