import type { JobHooks, JobProgress } from '../job/job.js';
import { mergeFolders } from '../job/merge.js';
import { runJob } from '../job/runJob.js';
import { resolveTrainSweepOptions, type TrainSweepOptions } from './options.js';
import { readRuns } from './readRuns.js';
import type { RunRecord } from './record.js';
import { summarizeRuns, type TrainSummaryRow } from './summary.js';
import type { TrainManifest } from './trainFolder.js';
import { TRAIN_JOB, trainJob } from './trainJob.js';

/** Progress of a training sweep, in optimiser steps, with the runs on disk (`runsDone` of `runs`). */
export interface TrainProgress extends JobProgress {
  runsDone: number;
  runs: number;
}

/** Callbacks and cancellation of runTrainSweep (the job core's hooks, in steps). */
export interface TrainSweepHooks extends Omit<JobHooks<TrainProgress>, 'onCommitted'> {
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
 * Trains (or resumes) a grid of runs (archs x variants x depths x seeds) into options.out on the job core
 * (runJob), one run per unit of work, deepest first; publishes runs.parquet and/or runs.jsonl (`formats`;
 * canonical order), summary.csv and manifest.json (`resnet-train/2`). A finished folder is verified, not recomputed.
 */
export async function runTrainSweep(
  options: TrainSweepOptions,
  hooks: TrainSweepHooks = {},
): Promise<TrainSweepResult> {
  const o = resolveTrainSweepOptions(options);
  const { onRunCommitted, ...rest } = hooks;
  const r = await runJob(trainJob(o), { ...rest, onCommitted: onRunCommitted });
  // A folder found complete: its runs read back.
  const runs = r.summary?.runs ?? readRuns(o.out).runs;
  const summary = r.summary?.rows ?? summarizeRuns(o.plan, runs);
  const { out, rows, computed, resumed, seconds, manifest, repaired } = r;
  return { out, runCount: rows, computed, resumed, seconds, manifest, runs, summary, repaired };
}

/**
 * Merges complete shard folders of one training grid into `out` through the job core's mergeFolders:
 * each runs file is the shards' files joined in run order (runs.parquet: row groups moved, one new
 * footer), summary.csv is rebuilt, and the files equal the single-machine folder's byte for byte.
 */
export async function mergeTrainFolders(
  dirs: readonly string[],
  out: string,
  options: { command?: string; signal?: AbortSignal } = {},
): Promise<{ out: string; runCount: number; manifest: TrainManifest; summary: TrainSummaryRow[] }> {
  const merged = await mergeFolders(TRAIN_JOB, dirs, out, options);
  return { out: merged.out, runCount: merged.rows, manifest: merged.manifest, summary: merged.summary.rows };
}
