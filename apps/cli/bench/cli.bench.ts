// Whole-process timings of the CLI as a user runs it, beside the notebook's numpy loop measured in the
// same run (bench/numpyGrid.py; runs alternate, median of BENCH_RUNS = 5 each). Not a test: prints.
//   a one-cell `resnet sweep --no-report` beside `node -e 0` and `resnet --version` (target <= 0.12 s wall), and a
//   CPU profile of it by package (startupProfile.ts);
//   node startup, `resnet --help`, module loading, time to the first finished cells,
//   resnet sweep --depths 5..40 --seeds 100 --no-report   (target >= 10x numpy's whole process)
//   resnet sweep --depths 5..40 --seeds 100               (with the report; target <= 2x the time without)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, numpyUnavailable, runNumpy } from '../../../bench/numpyBaseline.js';
import { formatBreakdown, profileStartup } from './startupProfile.js';

const cliDir = resolve(import.meta.dirname, '..');
const bin = join(cliDir, 'bin/resnet.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const grid = ['sweep', '--depths', '5..40', '--seeds', '100'];

/** Seconds of one whole process (node + args), from spawn to exit. */
function timeProcess(args: string[], out?: string): number {
  const dir = out === undefined ? null : mkdtempSync(join(tmpdir(), 'resnet-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, dir ? [...args, '--out', join(dir, 'out')] : args, {
    cwd: cliDir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = (performance.now() - t0) / 1000;
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return seconds;
}

/** Runs an ES module snippet in a fresh node (from the CLI's folder, so its packages resolve); returns its stdout. */
function inFreshNode(code: string): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: cliDir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.trim();
}

// 0. A one-cell sweep, whole process, beside node itself and the CLI's smallest command (alternating).
const oneCell = [bin, 'sweep', '--depths', '5', '--seeds', '1', '--archs', 'plain', '--no-report', '--quiet'];
const tiny = { node: [] as number[], version: [] as number[], oneCell: [] as number[] };
for (let i = 0; i < RUNS; i++) {
  tiny.node.push(timeProcess(['-e', '0']));
  tiny.version.push(timeProcess([bin, '--version']));
  tiny.oneCell.push(timeProcess(oneCell, 'out'));
}
const wall = (name: string, xs: number[]) =>
  console.log(
    `  ${name.padEnd(58)} ${(median(xs) * 1000).toFixed(0).padStart(5)} ms  (${xs.map((x) => (x * 1000).toFixed(0)).join(', ')})`,
  );
console.log(`One-cell sweep, whole process, wall, median of ${RUNS}, alternating (target <= 120 ms)`);
wall('node -e 0', tiny.node);
wall('resnet --version', tiny.version);
wall('resnet sweep --depths 5 --seeds 1 --archs plain --no-report', tiny.oneCell);
console.log(
  `  one-cell sweep = node -e 0 + ${((median(tiny.oneCell) - median(tiny.node)) * 1000).toFixed(0)} ms; ` +
    `target ${median(tiny.oneCell) <= 0.12 ? 'met' : 'NOT met'} in this run`,
);
{
  const profDir = mkdtempSync(join(tmpdir(), 'resnet-bench-'));
  const args = [...oneCell, '--out', join(profDir, 'out')];
  console.log('CPU profile of that one-cell sweep (node --cpu-prof, 0.1 ms samples), by package:');
  for (const line of formatBreakdown(profileStartup(args, cliDir, join(cliDir, 'dist')))) console.log(line);
  rmSync(profDir, { recursive: true, force: true });
}
console.log('');

// 1. Start-up: what the CLI pays before any cell.
const startup = {
  node: [] as number[],
  help: [] as number[],
  yargs: [] as number[],
  sweep: [] as number[],
  report: [] as number[],
  firstCells: [] as number[],
};
const LOAD = (m: string) => `const t = performance.now(); await import('${m}'); console.log(performance.now() - t);`;
const FIRST_CELLS = `
const { runSweep } = await import('@resnet/sweep');
const { mkdtempSync, rmSync } = await import('node:fs');
const dir = mkdtempSync((await import('node:os')).tmpdir() + '/resnet-bench-');
let first = null;
await runSweep({ depths: Array.from({ length: 36 }, (_, i) => i + 5), seeds: { start: 0, count: 100 }, out: dir + '/out' },
  { progressIntervalMs: 1, onProgress: (p) => { if (first === null && p.done > (p.resumed ?? 0)) first = performance.now(); } });
rmSync(dir, { recursive: true, force: true });
console.log(first);`;
for (let i = 0; i < RUNS; i++) {
  startup.node.push(timeProcess(['-e', '']) * 1000);
  startup.help.push(timeProcess([bin, '--help']) * 1000);
  startup.yargs.push(Number(inFreshNode(LOAD('yargs'))));
  startup.sweep.push(Number(inFreshNode(LOAD('@resnet/sweep'))));
  startup.report.push(Number(inFreshNode(LOAD('@resnet/report'))));
  startup.firstCells.push(Number(inFreshNode(FIRST_CELLS)));
}
const ms = (name: string, xs: number[]) =>
  console.log(
    `  ${name.padEnd(58)} ${median(xs).toFixed(0).padStart(5)} ms  (${xs.map((x) => x.toFixed(0)).join(', ')})`,
  );
console.log(`resnet CLI start-up, median of ${RUNS}`);
ms("node -e '' (node itself)", startup.node);
ms('resnet --help (whole process)', startup.help);
ms('import yargs', startup.yargs);
ms('import @resnet/sweep', startup.sweep);
ms('import @resnet/report (the sweep loads it while cells compute)', startup.report);
ms('process start -> first cells done (runSweep, README grid)', startup.firstCells);

// 2. The README grid, whole process, alternating with the numpy baseline.
const missing = numpyUnavailable();
const noReport: number[] = [];
const withReport: number[] = [];
const numpyProcess: number[] = [];
const numpyLoop: number[] = [];
for (let i = 0; i < RUNS; i++) {
  if (!missing) {
    const n = runNumpy();
    numpyProcess.push(n.processSeconds);
    numpyLoop.push(n.seconds);
  }
  noReport.push(timeProcess([bin, ...grid, '--no-report'], 'out'));
  withReport.push(timeProcess([bin, ...grid], 'out'));
}
const s = (xs: number[]) => `median ${median(xs).toFixed(2)} s  (${xs.map((x) => x.toFixed(2)).join(', ')})`;
console.log(`\nREADME grid (7,200 cells), whole process, ${RUNS} runs each, alternating`);
console.log(`  ${'resnet sweep --depths 5..40 --seeds 100 --no-report'.padEnd(52)} ${s(noReport)}`);
console.log(`  ${'resnet sweep --depths 5..40 --seeds 100'.padEnd(52)} ${s(withReport)}`);
if (missing) {
  console.log(`  numpy baseline: not measured: ${missing}. No ratio to numpy is printed.`);
} else {
  console.log(
    `  ${"python3 bench/numpyGrid.py (the notebook's loop)".padEnd(52)} ${s(numpyProcess)}  (loop alone ${median(numpyLoop).toFixed(2)} s)`,
  );
  const x = (cli: number[]) => (median(numpyProcess) / median(cli)).toFixed(1);
  console.log(
    `  speed-up over numpy, whole process against whole process, this run: ${x(noReport)}x without the report, ${x(withReport)}x with it (target >= 10x without)`,
  );
}
console.log(
  `  with the report / without, medians of this run: ${(median(withReport) / median(noReport)).toFixed(2)}x (target <= 2x)`,
);
