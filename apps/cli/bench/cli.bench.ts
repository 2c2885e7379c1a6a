// Whole-process timings of the CLI as a user runs it, beside the notebook's numpy loop measured in the
// same run (bench/numpyGrid.py; runs alternate, median of BENCH_RUNS = 5 each). Not a test: prints.
//   node startup, `resnet --help`, module loading, time to the first finished cells,
//   resnet sweep --depths 5..40 --seeds 100 --no-report   (target <= 0.5 s on 2 cores)
//   resnet sweep --depths 5..40 --seeds 100               (with the report; target <= 1.2 s)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { median, numpyUnavailable, runNumpy } from '../../../bench/numpyBaseline.js';

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
    `  speed-up over numpy, whole process against whole process, this run: ${x(noReport)}x without the report, ${x(withReport)}x with it`,
  );
}
