// Whole-process timing of the main job, as a user runs it (not a test; prints medians):
//   resnet sweep --depths 5..40 --seeds 100 --no-report   (target: about 1 s, 10x the notebook's numpy)
//   resnet sweep --depths 5..40 --seeds 100               (with the report; target: under 4 s)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../bin/resnet.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const NUMPY_SECONDS = 11; // the notebook's own numpy code over the same 7,200 cells on this machine

function timeRun(args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args, '--out', join(dir, 'out')], { stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`resnet ${args.join(' ')} failed: ${r.stderr}`);
  return seconds;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const grid = ['sweep', '--depths', '5..40', '--seeds', '100'];
const noReport: number[] = [];
const withReport: number[] = [];
for (let i = 0; i < RUNS; i++) {
  noReport.push(timeRun([...grid, '--no-report']));
  withReport.push(timeRun(grid));
}
const show = (name: string, xs: number[]) =>
  console.log(`${name.padEnd(52)} median ${median(xs).toFixed(2)} s  (${xs.map((x) => x.toFixed(2)).join(', ')})  ${(NUMPY_SECONDS / median(xs)).toFixed(1)}x numpy`);
console.log(`resnet CLI, whole process, 7,200 cells, ${RUNS} runs each`);
show('resnet sweep --depths 5..40 --seeds 100 --no-report', noReport);
show('resnet sweep --depths 5..40 --seeds 100', withReport);
