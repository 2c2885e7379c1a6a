import type { JobHooks, JobProgress } from './job/job.js';
import { runJob } from './job/runJob.js';
import { resolveSweepOptions, type SweepOptions } from './options.js';
import type { Manifest } from './sweepFolder.js';
import { sweepJob } from './sweepJob.js';

/** Progress of a running sweep, in cells, as the CLI's progress bar shows it. */
export type SweepProgress = JobProgress;

/** Callbacks and cancellation of runSweep (the job core's hooks, in cells). */
export type SweepHooks = Omit<JobHooks<SweepProgress>, 'onCommitted'>;

/** What a finished sweep did. */
export interface SweepResult {
  /** Absolute output folder. */
  out: string;
  /** Cells in the folder (the shard's, or the grid's). */
  cellCount: number;
  /** Cells computed by this run. */
  computed: number;
  /** Cells already on disk when this run started. */
  resumed: number;
  /** Wall-clock seconds of this run. */
  seconds: number;
  /** manifest.json as written. */
  manifest: Manifest;
  /** Cells with at least one NaN or infinite metric. */
  nonFinite: number;
  /** Problems found in a finished folder whose files no longer matched its manifest (it was recomputed); empty normally. */
  repaired: string[];
}

/**
 * Runs (or resumes) a sweep into options.out on the job core (runJob): computes every missing unit on a
 * worker pool, then publishes the cells (cells.parquet and/or cells.jsonl), cellstats.f64, summary.csv and
 * manifest.json (docs/sweep-format.md). A finished folder is verified (sizes and crc32s) first.
 */
export async function runSweep(options: SweepOptions, hooks: SweepHooks = {}): Promise<SweepResult> {
  const r = await runJob(sweepJob(resolveSweepOptions(options)), hooks);
  const { out, rows, computed, resumed, seconds, manifest, repaired } = r;
  return { out, cellCount: rows, computed, resumed, seconds, manifest, nonFinite: manifest.nonFinite, repaired };
}
