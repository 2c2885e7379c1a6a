// Times the report of the README grid (depths 5..40, seeds 0..99, both archs = 7,200 cells), each run
// in a fresh process (cold module cache, as inside `resnet sweep`), runs of every variant interleaved
// so machine load hits them alike. Prints medians, a breakdown of where the time goes, and report.html's size.
//   BENCH_RUNS=5            runs per variant
//   BENCH_BEFORE=path       another build's dist/index.js (e.g. of the previous commit) timed in the same run
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { runSweep } from '@resnet/sweep';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'reportChild.mjs');
const AFTER = resolve(here, '../dist/index.js');
const BEFORE = process.env.BENCH_BEFORE ? resolve(process.env.BENCH_BEFORE) : null;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const run = promisify(execFile);

type Times = Record<string, number>;
interface Variant {
  name: string;
  entry: string;
  mode: 'plain' | 'preload';
}

async function child(entry: string, dir: string, out: string, mode: string): Promise<Times> {
  const { stdout } = await run(process.execPath, [CHILD, entry, dir, out, mode], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Times;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0).padStart(5)} ms`;

/** Size of report.html and of its inline font (the base64 data: URL). */
async function htmlSize(file: string): Promise<string> {
  const html = await readFile(file, 'utf8');
  const font = html.match(/url\(data:font\/[a-z]+;base64,[A-Za-z0-9+/=]+\)/)?.[0].length ?? 0;
  return `${((await stat(file)).size / 1e6).toFixed(2)} MB (font ${(font / 1e6).toFixed(2)} MB)`;
}

const root = await mkdtemp(join(tmpdir(), 'report-bench-'));
try {
  const dir = join(root, 'sweep');
  const t = performance.now();
  const swept = await runSweep({
    depths: Array.from({ length: 36 }, (_, i) => i + 5),
    seeds: { start: 0, count: 100 },
    out: dir,
  });
  console.log(
    `README grid: ${swept.cellCount} cells swept in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`,
  );

  const variants: Variant[] = [
    ...(BEFORE ? [{ name: 'before', entry: BEFORE, mode: 'plain' as const }] : []),
    { name: 'now', entry: AFTER, mode: 'plain' },
    { name: 'now, after preloadReport()', entry: AFTER, mode: 'preload' },
  ];
  const times = new Map<string, Times[]>(variants.map((v) => [v.name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const v of variants)
      times.get(v.name)!.push(await child(v.entry, dir, join(root, v.name.replace(/\W+/g, '-')), v.mode));
  }
  console.log(`\nMedians of ${RUNS} runs per variant (fresh process each; import = loading @resnet/report and vega):`);
  for (const v of variants) {
    const runs = times.get(v.name)!;
    const fields = Object.keys(runs[0]!);
    console.log(
      `  ${v.name.padEnd(28)} ${fields.map((f) => `${f.trim()} ${ms(median(runs.map((r) => r[f] ?? 0)))}`).join(' | ')}`,
    );
    console.log(
      `  ${''.padEnd(28)} report.html ${await htmlSize(join(root, v.name.replace(/\W+/g, '-'), 'report.html'))}`,
    );
  }
  const now = median(times.get('now, after preloadReport()')!.map((r) => r.writeReport!));
  console.log(`\nwriteReport after preloadReport(): ${ms(now)} (target < 800 ms inside \`resnet sweep\`)`);
  const profile = await child(AFTER, dir, join(root, 'profile'), 'profile');
  console.log('\nWhere the time goes (one cold run, step by step):');
  for (const [k, v] of Object.entries(profile)) console.log(`  ${k.padEnd(36)} ${ms(v)}`);
} finally {
  await rm(root, { recursive: true, force: true });
}
