import { rmdirSync } from 'node:fs';
import { SweepError } from '../errors.js';
import { fsyncDir } from '../folder/atomic.js';
import { lockFolder } from '../folder/lock.js';
import type { SweepIdentity } from '../folder/manifest.js';
import { checkOutDir, makeOutDir, type OutDirCheck } from '../folder/outDir.js';
import { ResumeState } from '../folder/resume.js';
import { createPool } from '../pool.js';
import { RunError, TrainAbortedError } from './errors.js';
import { inspectTrainFolder } from './folder.js';
import { trainDifferences, trainIdentity, type TrainIdentity, type TrainManifest } from './identity.js';
import { RUN_FILES } from './names.js';
import { PARQUET_MAGIC } from '../parquet/schema.js';
import { folderRunColumns } from './runColumns.js';
import { readRuns } from './readRuns.js';
import { publishTrain } from './publish.js';
import { resolveTrainSweepOptions, type ResolvedTrainSweepOptions, type TrainSweepOptions } from './options.js';
import { createTrainPlan, runAt, stepsPerRun, type TrainPlan } from './plan.js';
import { TrainProgressReporter, type TrainProgress } from './progress.js';
import type { RunRecord } from './record.js';
import { entryRun, runPending } from './schedule.js';
import { summarizeRuns, type TrainSummaryRow } from './summary.js';
import { CONTROL_BYTES } from './types.js';

/** Callbacks and cancellation for runTrainSweep. */
export interface TrainSweepHooks {
  /** Called at start, about every `progressIntervalMs` while runs train, and once at the end. */
  onProgress?: (p: TrainProgress) => void;
  /** Aborting stops every run in flight at its next step; finished runs stay on disk. */
  signal?: AbortSignal;
  /** Milliseconds between progress events; default 100. */
  progressIntervalMs?: number;
  /** Called after each run is committed to the resume state, with the runs on disk (tests stop here). */
  onRunCommitted?: (runs: number) => void;
}

/** What a finished training sweep did. */
export interface TrainSweepResult {
  out: string;
  /** Runs in the folder (the shard's, or the grid's). */
  runCount: number;
  /** Runs trained by this call. */
  computed: number;
  /** Runs already on disk when it started. */
  resumed: number;
  seconds: number;
  manifest: TrainManifest;
  /** The folder's runs in canonical order. */
  runs: RunRecord[];
  /** summary.csv's rows. */
  summary: TrainSummaryRow[];
  /** Problems found in a finished folder whose files no longer matched its manifest (it was recomputed). */
  repaired: string[];
}

/**
 * Trains (or resumes) a grid of runs (archs x depths x seeds) into options.out on a worker pool, one
 * run per task and per resume unit, deepest first; publishes runs.parquet and/or runs.jsonl (`formats`;
 * canonical order), summary.csv and manifest.json (`resnet-train/1`). A finished folder is verified, not recomputed.
 */
export async function runTrainSweep(
  options: TrainSweepOptions,
  hooks: TrainSweepHooks = {},
): Promise<TrainSweepResult> {
  const t0 = performance.now();
  const o = resolveTrainSweepOptions(options);
  const id = trainIdentity(o);
  const plan = createTrainPlan(o.archs, o.depths, o.seeds, o.shard);
  const dir = checkOutDir(o.out);
  makeOutDir(o.out, dir);
  let unlock: (() => void) | null = null;
  let state: ResumeState | null = null;
  let repaired: string[] = [];
  try {
    unlock = lockFolder(o.out, 'resnet train');
    const found = inspectTrainFolder(o.out, id);
    if (found.kind === 'complete') {
      unlock();
      const runs = plan.lastRun - plan.firstRun;
      const steps = found.manifest.steps;
      hooks.onProgress?.({ done: steps, total: steps, rate: 0, etaSeconds: 0, resumed: steps, runsDone: runs, runs });
      return complete(o, plan, found.manifest, t0);
    }
    if (found.kind === 'fresh') repaired = found.repaired;
    const parts = o.formats.map((f) => ({
      name: RUN_FILES[f],
      header: f === 'parquet' ? PARQUET_MAGIC : new Uint8Array(0),
    }));
    state = await ResumeState.open(o.out, id as unknown as SweepIdentity, plan.firstRun, parts, (config) =>
      trainDifferences(config as Partial<TrainIdentity>, id),
    );
  } catch (e) {
    unlock?.();
    removeCreated(dir);
    throw e;
  }
  try {
    const resumed = state.entries.length;
    const published = await execute(o, id, plan, state, hooks, t0);
    state.remove();
    fsyncDir(o.out);
    const runCount = plan.lastRun - plan.firstRun;
    return {
      out: o.out,
      runCount,
      computed: runCount - resumed,
      resumed,
      seconds: (performance.now() - t0) / 1000,
      ...published,
      repaired,
    };
  } finally {
    await state.close();
    unlock();
  }
}

/** The result of a folder found complete: its runs read back, nothing computed. */
function complete(
  o: ResolvedTrainSweepOptions,
  plan: TrainPlan,
  manifest: TrainManifest,
  t0: number,
): TrainSweepResult {
  const { runs } = readRuns(o.out);
  const runCount = plan.lastRun - plan.firstRun;
  const summary = summarizeRuns(o.archs, o.depths, runs);
  return {
    out: o.out,
    runCount,
    computed: 0,
    resumed: runCount,
    seconds: (performance.now() - t0) / 1000,
    manifest,
    runs,
    summary,
    repaired: [],
  };
}

/** Trains the missing runs, then publishes; the pool lives exactly this long. */
async function execute(
  o: ResolvedTrainSweepOptions,
  id: TrainIdentity,
  plan: TrainPlan,
  state: ResumeState,
  hooks: TrainSweepHooks,
  t0: number,
): Promise<{ manifest: TrainManifest; runs: RunRecord[]; summary: TrainSummaryRow[] }> {
  const startedAt = new Date().toISOString();
  const runCount = plan.lastRun - plan.firstRun;
  const resumed = state.entries.length;
  const perRun = stepsPerRun(o.data.train.count, o.train.batchSize, o.train.epochs);
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const pending = pendingRuns(plan, state);
  const workLeft = pending.reduce((a, k) => a + runAt(plan, k).depth * perRun, 0);
  const threads = Math.max(1, Math.min(o.threads, pending.length));
  const pool = pending.length > 0 ? createPool(o.workerFilename, threads) : null;
  const columns = folderRunColumns(o);
  const progress = new TrainProgressReporter(
    control,
    perRun,
    runCount,
    resumed,
    workLeft,
    hooks.onProgress,
    hooks.progressIntervalMs ?? 100,
  );
  try {
    // 1. Train the missing runs, deepest first; each is committed to the resume state as it finishes.
    const failure = pool
      ? await runPending({
          pool,
          plan,
          pending,
          control,
          state,
          maxTasks: threads,
          signal: hooks.signal,
          task: (k) => {
            const run = runAt(plan, k);
            return {
              arch: run.arch,
              depth: run.depth,
              seed: run.seed,
              options: o.train,
              train: o.data.train,
              test: o.data.test,
              formats: o.formats,
              columns,
              control,
            };
          },
          onCommitted: (runs) => {
            progress.runsDone = runs;
            hooks.onRunCommitted?.(runs);
          },
        })
      : null;
    progress.stop();
    const saved = state.entries.length;
    if (failure?.kind === 'aborted' || (failure === null && hooks.signal?.aborted))
      throw new TrainAbortedError(o.out, saved, runCount);
    if (failure?.kind === 'io')
      throw new SweepError(
        `Could not save results in ${o.out}: ${failure.message}. Rerun the same command to resume once the cause is fixed.`,
      );
    if (failure) throw new RunError(runAt(plan, failure.k), failure.message, o.out, saved);
    // 2. Publish: the runs files in canonical order, summary.csv, manifest.json last.
    await state.close();
    const run = {
      threads: o.threads,
      computed: runCount - resumed,
      resumed,
      seconds: Math.round(performance.now() - t0) / 1000,
      startedAt,
      completedAt: new Date().toISOString(),
    };
    const published = publishTrain(o, id, plan, state, columns, runCount * perRun, run);
    pool?.destroy().catch(() => undefined);
    return published;
  } catch (e) {
    await pool?.destroy().catch(() => undefined);
    throw e;
  } finally {
    progress.stop();
  }
}

/** The folder's runs not yet in the journal, in dispatch order (deepest first). */
function pendingRuns(plan: TrainPlan, state: ResumeState): number[] {
  const done = new Set(state.entries.map((e) => entryRun(plan, e.meta)));
  return plan.order.filter((k) => !done.has(k));
}

/** Removes the folders checkOutDir found missing and makeOutDir created (innermost first), if still empty. */
function removeCreated(dir: OutDirCheck): void {
  for (const level of [...dir.missing].reverse()) {
    try {
      rmdirSync(level);
    } catch {
      return;
    }
  }
}
