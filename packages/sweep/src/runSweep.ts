import { join } from 'node:path';
import { computeCells } from './compute.js';
import { CellError, SweepAbortedError, SweepError } from './errors.js';
import { writeResults } from './finalize.js';
import { checkDisk, prepareFolder } from './folder.js';
import { lockFolder } from './folderLock.js';
import { CONTROL_BYTES } from './layout.js';
import { buildManifest, manifestText, sweepIdentity, type Manifest, type SweepIdentity } from './manifest.js';
import { resolveSweepOptions, type ResolvedSweepOptions, type SweepOptions } from './options.js';
import { createPool } from './pool.js';
import { ProgressReporter } from './progress.js';
import { Staging, writeAtomic } from './staging.js';
import type { SweepProgress } from './types.js';

/** Callbacks and cancellation for runSweep. */
export interface SweepHooks {
  /** Called at start, about every `progressIntervalMs` while cells run, and once when they are all done. */
  onProgress?: (p: SweepProgress) => void;
  /** Aborting stops the workers after their current cell; finished cells stay on disk. */
  signal?: AbortSignal;
  /** Milliseconds between progress events; default 100. */
  progressIntervalMs?: number;
}

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
}

/**
 * Runs (or resumes) a sweep into options.out: computes every missing cell on a worker pool, then
 * writes cells.jsonl, summary.csv and manifest.json (docs/sweep-format.md).
 */
export async function runSweep(options: SweepOptions, hooks: SweepHooks = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const o = resolveSweepOptions(options);
  const id = sweepIdentity(o.grid);
  const total = o.layout.cellCount;
  const result = (manifest: Manifest, resumed: number): SweepResult => ({
    out: o.out, cellCount: total, computed: total - resumed, resumed, seconds: (performance.now() - t0) / 1000, manifest, nonFinite: manifest.nonFinite,
  });
  const finished = prepareFolder(o.out, id);
  if (finished) {
    hooks.onProgress?.({ done: total, total, rate: 0, etaSeconds: 0, resumed: total });
    return result(finished, total);
  }
  const unlock = lockFolder(o.out);
  try {
    const staging = Staging.open(o.out, id, o.layout);
    const resumed = staging.doneCount;
    let manifest: Manifest;
    try {
      checkDisk(o.out, o.layout, resumed);
      manifest = await execute(o, id, staging, hooks, t0);
    } finally {
      staging.close();
    }
    staging.remove();
    return result(manifest, resumed);
  } finally {
    unlock();
  }
}

/** Computes the missing cells, then writes the final files; the pool lives exactly this long. */
async function execute(o: ResolvedSweepOptions, id: SweepIdentity, staging: Staging, hooks: SweepHooks, t0: number): Promise<Manifest> {
  const startedAt = new Date().toISOString();
  const total = o.layout.cellCount;
  const resumed = staging.doneCount;
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const threads = Math.max(1, Math.min(o.threads, Math.ceil(total / o.chunkSize)));
  const pool = createPool(o.workerFilename, threads);
  const ctx = { ...o, pool, threads, staging, signal: hooks.signal };
  const progress = new ProgressReporter(control, total, resumed, hooks.onProgress, hooks.progressIntervalMs ?? 100);
  try {
    // 1. Compute the missing cells; each chunk's finished cells reach the staging file as it settles.
    const failure = await computeCells({ ...ctx, control });
    progress.stop();
    if (failure?.kind === 'aborted') throw new SweepAbortedError(o.out, staging.doneCount, total);
    if (failure?.kind === 'io') throw new SweepError(`Could not save results in ${o.out}: ${failure.message}. Rerun the same command to resume once the cause is fixed.`);
    if (failure) throw new CellError(failure.cell, failure.message, o.out, staging.doneCount);
    // 2. One streaming pass writes cells.jsonl and summary.csv in canonical order.
    const written = await writeResults(ctx).catch((e: unknown) => {
      throw new SweepError(`Writing cells.jsonl failed: ${e instanceof Error ? e.message : String(e)}. The computed cells are kept; rerun to retry.`);
    });
    if (!written) throw new SweepAbortedError(o.out, staging.doneCount, total);
    // 3. The manifest last: its presence (with no .resume folder) marks a complete sweep.
    const run = {
      threads: o.threads, chunkSize: o.chunkSize, computed: total - resumed, resumed,
      seconds: Math.round(performance.now() - t0) / 1000, startedAt, completedAt: new Date().toISOString(),
    };
    const manifest = buildManifest(id, total, written.nonFinite, o.command, run);
    writeAtomic(join(o.out, 'manifest.json'), manifestText(manifest));
    // The idle workers end in the background: nothing waits on them.
    pool.destroy().catch(() => undefined);
    return manifest;
  } catch (e) {
    await pool.destroy().catch(() => undefined); // after a failure or an abort, return only once every worker is gone
    throw e;
  } finally {
    progress.stop();
  }
}
