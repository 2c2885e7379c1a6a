import { rmdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { CellError, GridTooLargeError, SweepAbortedError, SweepError, formatBytes } from './errors.js';
import { writeAtomic, fsyncDir } from './folder/atomic.js';
import { crc, crcHex } from './folder/checksum.js';
import { lockFolder } from './folder/lock.js';
import { buildManifest, manifestText, sweepIdentity, type Manifest, type SweepIdentity } from './folder/manifest.js';
import { CELL_FILES, CELL_STATS, CELLS_PARQUET, MANIFEST_JSON, STAT_FIELDS, SUMMARY_CSV } from './folder/names.js';
import { PARQUET_MAGIC, cellColumns, parquetFooter, type PlacedRowGroup, type RowGroupMeta } from './parquet/index.js';
import { axisColumns } from './axisColumns.js';
import { checkOutDir, makeOutDir, type OutDirCheck } from './folder/outDir.js';
import { inspectFolder, resumeBytes } from './folder/prepare.js';
import { ResumeState, type PartSpec } from './folder/resume.js';
import { bytesPerCell, estimateGridDisk } from './memory.js';
import { resolveSweepOptions, type ResolvedSweepOptions, type SweepOptions } from './options.js';
import { createPool } from './pool.js';
import { ProgressReporter, type SweepProgress } from './progress.js';
import { runBlocks } from './schedule.js';
import { buildSummary } from './summary.js';
import { CONTROL_BYTES } from './types.js';

/** Callbacks and cancellation for runSweep. */
export interface SweepHooks {
  /** Called at start, about every `progressIntervalMs` while cells run, and once when they are all done. */
  onProgress?: (p: SweepProgress) => void;
  /** Aborting stops the workers after their current cell; committed blocks stay on disk. */
  signal?: AbortSignal;
  /** Milliseconds between progress events; default 100. */
  progressIntervalMs?: number;
  /**
   * Called at each step of publishing a finished sweep: `summary` (summary.csv written),
   * `publish:<file>` (after each part file's rename), `manifest` (manifest.json written, .resume/
   * still there), `done`. Tests kill the process here to check every window is resumable.
   */
  onStep?: (step: string) => void;
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
  /** Problems found in a finished folder whose files no longer matched its manifest (it was recomputed); empty normally. */
  repaired: string[];
}

/**
 * Runs (or resumes) a sweep into options.out: computes every missing block on a worker pool, then
 * publishes the cells (cells.parquet and/or cells.jsonl), cellstats.f64, summary.csv and
 * manifest.json (docs/sweep-format.md). A finished folder is verified (sizes and crc32s) first.
 */
export async function runSweep(options: SweepOptions, hooks: SweepHooks = {}): Promise<SweepResult> {
  const t0 = performance.now();
  const o = resolveSweepOptions(options);
  const id = sweepIdentity(o.grid, o.formats);
  const total = o.layout.cellCount;
  const dir = checkOutDir(o.out);
  makeOutDir(o.out, dir);
  let unlock: (() => void) | null = null;
  let state: ResumeState | null = null;
  let repaired: string[] = [];
  try {
    unlock = lockFolder(o.out);
    const found = inspectFolder(o.out, id);
    if (found.kind === 'complete') {
      unlock();
      hooks.onProgress?.({ done: total, total, rate: 0, etaSeconds: 0, resumed: total });
      return {
        out: o.out,
        cellCount: total,
        computed: 0,
        resumed: total,
        seconds: (performance.now() - t0) / 1000,
        manifest: found.manifest,
        nonFinite: found.manifest.nonFinite,
        repaired: [],
      };
    }
    if (found.kind === 'fresh') repaired = found.repaired;
    checkDisk(o, id, dir);
    state = await ResumeState.open(o.out, id, o.layout.firstBlock, partSpecs(o));
  } catch (e) {
    unlock?.();
    removeCreated(dir); // a refused or failed start leaves no trace in a folder it created
    throw e;
  }
  try {
    const resumed = state.committedCells;
    const manifest = await execute(o, id, state, hooks, t0);
    state.remove();
    fsyncDir(o.out);
    hooks.onStep?.('done');
    return {
      out: o.out,
      cellCount: total,
      computed: total - resumed,
      resumed,
      seconds: (performance.now() - t0) / 1000,
      manifest,
      nonFinite: manifest.nonFinite,
      repaired,
    };
  } finally {
    await state.close();
    unlock();
  }
}

/** The part files of a sweep: one per cell format, then the summary values. */
function partSpecs(o: ResolvedSweepOptions): PartSpec[] {
  return [
    ...o.formats.map((f) => ({ name: CELL_FILES[f], header: f === 'parquet' ? PARQUET_MAGIC : new Uint8Array(0) })),
    { name: CELL_STATS, header: new Uint8Array(0) },
  ];
}

/** Computes the missing blocks, then publishes the files; the pool lives exactly this long. */
async function execute(
  o: ResolvedSweepOptions,
  id: SweepIdentity,
  state: ResumeState,
  hooks: SweepHooks,
  t0: number,
): Promise<Manifest> {
  const startedAt = new Date().toISOString();
  const l = o.layout;
  const total = l.cellCount;
  const resumed = state.committedCells;
  const stats = new SharedArrayBuffer(Math.max(8, total * STAT_FIELDS * 8));
  state.readPart(CELL_STATS, new Uint8Array(stats, 0, resumed * STAT_FIELDS * 8));
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const blocksLeft = l.lastBlock - l.firstBlock - state.entries.length;
  const threads = Math.max(1, Math.min(o.threads, blocksLeft));
  const pool = blocksLeft > 0 ? createPool(o.workerFilename, threads) : null;
  const progress = new ProgressReporter(control, total, resumed, hooks.onProgress, hooks.progressIntervalMs ?? 100);
  try {
    // 1. Compute the missing blocks; each is committed to the resume state in order as it finishes.
    const failure = pool
      ? await runBlocks({
          pool,
          layout: l,
          grid: o.grid,
          formats: o.formats,
          stats,
          control,
          state,
          maxTasks: 2 * threads,
          bytesPerCell: bytesPerCell(l, o.formats),
          bufferBytes: o.bufferBytes,
          signal: hooks.signal,
        })
      : null;
    progress.stop();
    const saved = state.committedCells;
    if (failure?.kind === 'aborted') throw new SweepAbortedError(o.out, saved, total);
    if (failure?.kind === 'io')
      throw new SweepError(
        `Could not save results in ${o.out}: ${failure.message}. Rerun the same command to resume once the cause is fixed.`,
      );
    if (failure) throw new CellError(failure.cell, failure.message, o.out, saved);
    if (hooks.signal?.aborted) throw new SweepAbortedError(o.out, saved, total);
    // 2. Publish: summary.csv from the summary values, the part files by rename, manifest.json last.
    const summary = buildSummary(l, new Float64Array(stats, 0, total * STAT_FIELDS));
    const files = await state.finish(
      o.formats.includes('parquet')
        ? { [CELLS_PARQUET]: parquetFooter(placedRowGroups(state), cellColumns(axisColumns(o.grid.axes, 'cells'))) }
        : {},
    );
    const csv = Buffer.from(summary.csv);
    writeAtomic(join(o.out, SUMMARY_CSV), csv);
    hooks.onStep?.('summary');
    state.publish(o.out, (name) => hooks.onStep?.(`publish:${name}`));
    const run = {
      threads: o.threads,
      computed: total - resumed,
      resumed,
      seconds: Math.round(performance.now() - t0) / 1000,
      startedAt,
      completedAt: new Date().toISOString(),
    };
    const manifest = buildManifest(id, {
      cellCount: total,
      blocks: { count: l.plan.count, first: l.firstBlock, last: l.lastBlock },
      nonFinite: summary.nonFinite,
      files: { ...files, [SUMMARY_CSV]: { bytes: csv.length, crc32: crcHex(crc(csv)) } },
      command: o.command,
      run,
    });
    writeAtomic(join(o.out, MANIFEST_JSON), manifestText(manifest));
    hooks.onStep?.('manifest');
    // The idle workers end in the background: nothing waits on them.
    pool?.destroy().catch(() => undefined);
    return manifest;
  } catch (e) {
    await pool?.destroy().catch(() => undefined); // after a failure or an abort, return only once every worker is gone
    throw e;
  } finally {
    progress.stop();
  }
}

/** The committed blocks' row groups at their absolute offsets in cells.parquet (from the journal). */
function placedRowGroups(state: ResumeState): PlacedRowGroup[] {
  return state.entries.map((e) => {
    const meta = e.rowGroup as RowGroupMeta;
    return { offset: e.files[CELLS_PARQUET]!.end - meta.bytes, meta };
  });
}

/** Refuses to start when the disk lacks room for the rest of the output files. */
function checkDisk(o: ResolvedSweepOptions, id: SweepIdentity, dir: OutDirCheck): void {
  const need = estimateGridDisk(o.layout, o.formats) - (dir.exists ? resumeBytes(o.out, id) : 0);
  let free: number;
  try {
    const fs = statfsSync(o.out);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // a file system that cannot tell its free space: go ahead
  }
  if (need > free) throw new GridTooLargeError('disk', need, free, `${formatBytes(need)} of output files in ${o.out}`);
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
