// `resnet report` on a large sweep folder, whole process: wall time, peak RSS (/usr/bin/time -v), the figure files'
// and report.html's sizes (targets: memory flat in the seeds, < 400 MB at 2.16M cells, every figure < ~1 MB,
// report.html < ~2 MB). BENCH_BASELINE_CLI=<another checkout>/apps/cli/bin/resnet.js reports the same folder with
// that build in the same run (runs alternate). Not a test: prints.
//   BENCH_REPORT_SEEDS  seeds of the grid --depths 5..40 (default 10000: 720,000 cells; 30000: 2.16M cells)
//   BENCH_REPORT_RUNS   reports per build (default 3; the median wall and the largest peak RSS are printed)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median } from '../../../bench/numpyBaseline.js';

const cliDir = resolve(import.meta.dirname, '..');
const SEEDS = Number(process.env.BENCH_REPORT_SEEDS ?? 10000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const TIME = '/usr/bin/time';
const builds = [
  { name: 'this build', bin: join(cliDir, 'bin/resnet.js') },
  ...(process.env.BENCH_BASELINE_CLI ? [{ name: 'baseline', bin: resolve(process.env.BENCH_BASELINE_CLI) }] : []),
];

/** One whole process: wall seconds and, with /usr/bin/time, its peak RSS in MB. */
function run(args: string[]): { seconds: number; rssMb: number | null } {
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { seconds, rssMb: kb ? Number(kb[1]) / 1024 : null };
}

/** Sizes of what a report wrote: each figure file, and report.html. */
function outputSizes(dir: string): { largest: [string, number]; figures: number; html: number } {
  const figures = join(dir, 'figures');
  let largest: [string, number] = ['', 0];
  let total = 0;
  for (const f of readdirSync(figures)) {
    const size = statSync(join(figures, f)).size;
    total += size;
    if (size > largest[1]) largest = [f, size];
  }
  return { largest, figures: total, html: statSync(join(dir, 'report.html')).size };
}

const dir = mkdtempSync(join(tmpdir(), 'resnet-bench-report-'));
try {
  const folder = join(dir, 'sweep');
  const cells = SEEDS * 36 * 2;
  const made = run([
    builds[0]!.bin,
    'sweep',
    '--depths',
    '5..40',
    '--seeds',
    String(SEEDS),
    '--no-report',
    '--quiet',
    '--out',
    folder,
  ]);
  console.log(
    `resnet report on a ${cells.toLocaleString('en')}-cell folder (--depths 5..40 --seeds ${SEEDS}; made in ${made.seconds.toFixed(1)} s), ${RUNS} runs per build, alternating`,
  );
  const results = builds.map(() => ({ seconds: [] as number[], rss: [] as number[] }));
  const sizes: ReturnType<typeof outputSizes>[] = [];
  for (let i = 0; i < RUNS; i++) {
    builds.forEach((b, k) => {
      rmSync(join(folder, 'figures'), { recursive: true, force: true });
      rmSync(join(folder, 'report.html'), { force: true });
      const r = run([b.bin, 'report', folder, '--quiet']);
      results[k]!.seconds.push(r.seconds);
      if (r.rssMb !== null) results[k]!.rss.push(r.rssMb);
      sizes[k] = outputSizes(folder);
    });
  }
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;
  const peak = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);
  builds.forEach((b, k) => {
    const r = results[k]!;
    const s = sizes[k]!;
    const rss = r.rss.length ? `peak RSS ${peak(r.rss).toFixed(0)} MB` : 'peak RSS not measured (no /usr/bin/time)';
    console.log(
      `  ${b.name.padEnd(10)} wall median ${median(r.seconds).toFixed(2)} s (${r.seconds.map((x) => x.toFixed(2)).join(', ')}), ${rss}; ` +
        `largest figure ${s.largest[0]} ${mb(s.largest[1])}, all figures ${mb(s.figures)}, report.html ${mb(s.html)}`,
    );
  });
  if (builds.length > 1) {
    const [a, b] = results;
    console.log(
      `  this build / baseline, same run: wall ${(median(a!.seconds) / median(b!.seconds)).toFixed(2)}x` +
        (a!.rss.length && b!.rss.length ? `, peak RSS ${(peak(a!.rss) / peak(b!.rss)).toFixed(2)}x` : ''),
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
