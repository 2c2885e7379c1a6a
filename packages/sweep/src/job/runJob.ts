import { statfsSync } from 'node:fs';
import { FolderWriteError, GridTooLargeError, describeFsError, formatBytes, fsErrorCode } from '../errors.js';
import { RESUME_DIR } from '../folder/names.js';
import { join } from 'node:path';
import { fsyncDir } from '../folder/atomic.js';
import type { FolderIdentity, ManifestBase } from '../folder/format.js';
import { inspectFolder, resumeBytes } from '../folder/inspect.js';
import { lockFolder } from '../folder/lock.js';
import { checkOutDir, makeOutDir, removeCreated, type OutDirCheck } from '../folder/outDir.js';
import { ResumeState } from '../folder/resume.js';
import { CONTROL_BYTES, type GridJob, type JobHooks, type JobProgress, type JobRun, type JobSummary } from './job.js';
import { folderCounts } from './counts.js';
import { createPool, inlinePool, type UnitPool } from './pool.js';
import { ProgressReporter, completeProgress, type ProgressCount } from './progress.js';
import { publishJob } from './publish.js';
import { entryUnit, runUnits } from './schedule.js';

/**
 * Runs (or resumes) a job into job.out: computes every missing unit on a worker pool, committing each to
 * the resume state, then publishes the folder (publishJob). A finished folder is verified (sizes and
 * crc32s) and reported complete, or recomputed when its files no longer match; another identity in the
 * folder is refused. A refused start leaves no trace.
 */
export async function runJob<
  Id extends FolderIdentity,
  M extends Id & ManifestBase,
  S extends JobSummary,
  P extends JobProgress = JobProgress,
>(job: GridJob<Id, M, S>, hooks: JobHooks<P> = {}): Promise<JobRun<M, S>> {
  const t0 = performance.now();
  const { units } = job;
  const rows = units.start(units.last) - units.start(units.first);
  // 1. The workers boot (tens of ms each) while this thread checks the folder and reads its resume state.
  const pool = startPool(job);
  const dropPool = () => void pool?.destroy().catch(() => undefined);
  let dir: OutDirCheck | null = null;
  let unlock: (() => void) | null = null;
  let state: ResumeState | null = null;
  let repaired: string[] = [];
  try {
    dir = checkOutDir(job.out);
    makeOutDir(job.out, dir);
    unlock = lockFolder(job.out, `resnet ${job.folder.words.command}`);
    const found = inspectFolder(job.out, job.folder, job.identity, folderCounts(units));
    if (found.kind === 'complete') {
      unlock();
      dropPool();
      hooks.onProgress?.(
        completeProgress<P>(job.progress, amountOf(job, range(units.first, units.last)), units.last - units.first),
      );
      const seconds = (performance.now() - t0) / 1000;
      return {
        out: job.out,
        rows,
        computed: 0,
        resumed: rows,
        seconds,
        manifest: found.manifest,
        summary: null,
        repaired,
      };
    }
    if (found.kind === 'fresh') repaired = found.repaired;
    checkDisk(job, dir);
    state = await ResumeState.open(job.out, job.folder, job.identity, units.first, job.parts);
  } catch (e) {
    dropPool();
    unlock?.();
    if (dir) removeCreated(dir); // a refused or failed start leaves no trace in a folder it created
    throw e;
  }
  try {
    const resumed = state.committedItems;
    const { manifest, summary } = await execute(job, state, hooks, t0, pool);
    state.remove();
    fsyncDir(job.out);
    hooks.onStep?.('done');
    const seconds = (performance.now() - t0) / 1000;
    return { out: job.out, rows, computed: rows - resumed, resumed, seconds, manifest, summary, repaired };
  } finally {
    await state.close();
    unlock();
  }
}

/** Computes the missing units, then publishes; the pool lives exactly this long. */
async function execute<
  Id extends FolderIdentity,
  M extends Id & ManifestBase,
  S extends JobSummary,
  P extends JobProgress,
>(
  job: GridJob<Id, M, S>,
  state: ResumeState,
  hooks: JobHooks<P>,
  t0: number,
  started: UnitPool | null,
): Promise<{ manifest: M; summary: S }> {
  const startedAt = new Date().toISOString();
  const { units } = job;
  const rows = units.start(units.last) - units.start(units.first);
  const resumed = state.committedItems;
  const control = new SharedArrayBuffer(CONTROL_BYTES);
  const pending = pendingUnits(job, state);
  // The pool runJob started has a thread per unit of the folder at most: enough for the pending ones.
  const threads = Math.max(1, Math.min(job.threads, pending.length));
  const pool = pending.length > 0 ? started : null;
  if (!pool) started?.destroy().catch(() => undefined);
  const progress = new ProgressReporter<P>(
    control,
    job.progress,
    progressCount(job, state, pending),
    hooks.onProgress,
    hooks.progressIntervalMs ?? 100,
  );
  try {
    // 1. Compute the missing units; each is committed to the resume state as the job's commit order allows.
    const stop = pool
      ? await runUnits({
          pool,
          job,
          pending,
          control,
          state,
          maxTasks: units.tasksPerThread * threads,
          signal: hooks.signal,
          onCommitted: (n) => {
            progress.unitsDone = n;
            hooks.onCommitted?.(n);
          },
        })
      : null;
    progress.stop();
    const saved = state.committedItems;
    if (stop?.kind === 'aborted' || (stop === null && hooks.signal?.aborted)) throw job.aborted(saved, rows);
    if (stop?.kind === 'io')
      throw writeFailed(job, `saving ${job.folder.words.items} in ${RESUME_DIR}/`, stop.error, saved, rows);
    if (stop) throw job.failed(stop.failure, saved);
    // 2. Publish.
    const run = () => ({
      threads: job.threads,
      computed: rows - resumed,
      resumed,
      seconds: Math.round(performance.now() - t0) / 1000,
      startedAt,
      completedAt: new Date().toISOString(),
    });
    let published: { manifest: M; summary: S };
    try {
      published = await publishJob(job, state, run, hooks);
    } catch (e) {
      throw fsErrorCode(e) ? writeFailed(job, 'publishing the folder', e, saved, rows) : e;
    }
    // The idle workers end in the background: nothing waits on them.
    pool?.destroy().catch(() => undefined);
    return published;
  } catch (e) {
    await pool?.destroy().catch(() => undefined); // after a failure or an abort, return only once every worker is gone
    throw e;
  } finally {
    progress.stop();
  }
}

/** The pool of a job's folder: a worker per unit up to job.threads, none for no units, the calling thread if inline. */
function startPool(job: Pick<GridJob, 'units' | 'threads' | 'worker' | 'inline'>): UnitPool | null {
  const count = job.units.last - job.units.first;
  if (count <= 0) return null;
  if (job.inline) return inlinePool(job.worker);
  return createPool(job.worker, Math.min(job.threads, count), job.units.tasksPerThread);
}

/**
 * The error of a file-system failure (disk full, EIO) while `doing`: what it was, that the `saved` rows of
 * `rows` are kept in the resume state (nothing published is half written: every file is renamed into place
 * whole), and the command that resumes once the cause is fixed.
 */
function writeFailed(
  job: Pick<GridJob, 'out' | 'folder' | 'command'>,
  doing: string,
  error: unknown,
  saved: number,
  rows: number,
): FolderWriteError {
  const { items } = job.folder.words;
  const kept =
    saved === rows
      ? `All ${saved} ${items} are computed and kept in ${join(job.out, RESUME_DIR)}`
      : `${saved} of ${rows} ${items} are kept in ${join(job.out, RESUME_DIR)}`;
  const resume = job.command ? `: ${job.command}` : '';
  return new FolderWriteError(
    job.out,
    fsErrorCode(error),
    `Could not write ${job.out} while ${doing}: ${describeFsError(error)}. ${kept}; nothing is lost. Free some space (or fix the disk), then rerun the same command to resume${resume}`,
  );
}

/** Any job, as the helpers below read it. */
type AnyJob = Pick<GridJob, 'units' | 'progress' | 'out' | 'diskBytes' | 'folder' | 'identity'>;

/** The folder's units not yet committed, in dispatch order. */
function pendingUnits(job: AnyJob, state: ResumeState): number[] {
  const { units } = job;
  if (units.commit === 'ordered') return range(units.first + state.entries.length, units.last);
  const done = new Set(state.entries.map((e) => entryUnit(e.meta)));
  return (units.order ?? range(units.first, units.last)).filter((u) => !done.has(u));
}

/** What the progress reporter counts, from the committed and the pending units. */
function progressCount(job: AnyJob, state: ResumeState, pending: readonly number[]): ProgressCount {
  const all = range(job.units.first, job.units.last);
  const left = new Set(pending);
  const work = job.progress.work ?? job.progress.amount;
  return {
    total: amountOf(job, all),
    resumed: amountOf(
      job,
      all.filter((u) => !left.has(u)),
    ),
    workLeft: pending.reduce((a, u) => a + work(u), 0),
    units: all.length,
    unitsDone: state.entries.length,
  };
}

function amountOf(job: Pick<AnyJob, 'progress'>, units: readonly number[]): number {
  return units.reduce((a, u) => a + job.progress.amount(u), 0);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

/** Refuses to start when the disk lacks room for the rest of the output files. */
function checkDisk(job: AnyJob, dir: OutDirCheck): void {
  if (!job.diskBytes) return;
  const have = dir.exists ? resumeBytes(job.out, job.folder.outputs(job.identity.formats)) : 0;
  const need = job.diskBytes() - have;
  let free: number;
  try {
    const fs = statfsSync(job.out);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // a file system that cannot tell its free space: go ahead
  }
  if (need > free)
    throw new GridTooLargeError('disk', need, free, `${formatBytes(need)} of output files in ${job.out}`);
}
