import type { FolderFormat, FolderIdentity, ManifestBase } from '../folder/format.js';
import type { PartSpec } from '../folder/recover.js';
import type { RowGroupMeta } from '../parquet/encodeColumns.js';
import type { ColumnSpec } from '../parquet/schema.js';
import type { ThriftStruct } from '../parquet/thrift.js';

// The grid-job interface: what the core (runJob, mergeFolders) needs from an experiment. The core knows
// no job by name; the gradient sweep (sweepJob.ts) and training (train/trainJob.ts) fill these hooks.

/** How a grid is cut into units of work, and which of them this folder holds. */
export interface UnitPlan {
  /** Units of the whole grid. */
  count: number;
  /** This folder's units [first, last): its shard's, or all. */
  first: number;
  last: number;
  /** Canonical index of the first row (cell, run) of unit u; u may be `count` (then: the grid's rows). */
  start(u: number): number;
  /**
   * `ordered`: units are committed in unit order, each a byte range of every file (finished units wait
   * in a window of `windowBytes`); `asFinished`: each is committed as soon as it finishes, and the files
   * are put in unit order when published (long, uneven units: a stop loses only those in flight).
   */
  commit: 'ordered' | 'asFinished';
  /** This folder's units in dispatch order; default ascending. */
  order?: readonly number[];
  /** Tasks queued per worker thread, each worker handed them at once (piscina's concurrentTasksPerWorker). */
  tasksPerThread: number;
  /**
   * After an abort, how long units in flight may take to finish (and be committed) before their workers are
   * terminated; default STOP_GRACE_MS (0.5 s). Short units are worth the wait (the sweep's), a long one is not
   * (a training run: its work is lost either way, and the user waits).
   */
  stopGraceMs?: number;
  /** Estimated output bytes of unit u, and how many bytes of units may wait to be committed (ordered). */
  bytes?: (u: number) => number;
  windowBytes?: number;
}

/** A part file: its published name, the bytes it starts with, and whether it is Parquet (a footer closes it). */
export interface JobPart extends PartSpec {
  parquet: boolean;
}

/** What a worker returns for a unit: its bytes in every part, or that it stopped, or an error. */
export interface UnitResult {
  /** The stop flag ended the task early: nothing of the unit is kept. */
  stopped?: boolean;
  /** The unit failed: why, and the canonical row it failed at when known. */
  error?: { message: string; row?: number };
  /** Per part file, in the job's `parts` order: the unit's bytes and their crc32. */
  parts?: Array<{ bytes: Uint8Array; crc32: number }>;
  /** The unit's Parquet row group (offsets relative to its first byte), with a Parquet part. */
  rowGroup?: RowGroupMeta;
  /** The unit's rows with a non-finite value. */
  nonFinite?: number;
}

/** Why the units stopped short: a unit failed (its error, or its worker died). */
export interface UnitFailure {
  unit: number;
  /** The canonical row it failed at, when the worker said. */
  row: number | null;
  message: string;
  /** The worker thread died (no row known). */
  died: boolean;
}

/** The summary a job keeps: files derived from its finished parts, and the manifest fields they give. */
export interface JobSummary {
  /** Derived files in manifest order (summary.csv). */
  files: Record<string, Uint8Array>;
  /** Manifest fields: `nonFinite`, and any of the job's own (training: `steps`). */
  fields: { nonFinite: number } & Record<string, unknown>;
}

/** How a job's progress is counted: an amount per unit (cells, optimiser steps) and the work that weights the ETA. */
export interface ProgressPlan {
  /** Progress amount of unit u (workers add each step of it to CONTROL_DONE). */
  amount(u: number): number;
  /** Work of unit u (workers add it to CONTROL_WORK); absent: the amount is the work. */
  work?: (u: number) => number;
  /** The job's own fields of each event, from the units on disk and the folder's units. */
  fields?: (unitsDone: number, units: number) => Record<string, number>;
}

/** A job's folder files and units, as far as reading and merging folders need them (no data, no workers). */
export interface JobFiles<S extends JobSummary = JobSummary> {
  units: UnitPlan;
  /** The part files a unit appends to, in the order a worker returns them. */
  parts: readonly JobPart[];
  /** The summary from the finished files (`read(name)`: a part's bytes), at publish and after merge. */
  summarize(read: (name: string) => Buffer): S;
  /** Checks a Parquet part's schema and returns its columns (readParquetFooter's `columnsOf`); absent: cells'. */
  parquetColumns?: (schema: ThriftStruct[], fail: (fault: string) => never) => readonly ColumnSpec[];
  /** A row for messages, e.g. `arch=plain depth=5 seed=2 (cell k=8)`. */
  describeRow(k: number): string;
}

/** A grid job: an experiment as the core runs, resumes and publishes it. */
export interface GridJob<
  Id extends FolderIdentity = FolderIdentity,
  M extends Id & ManifestBase = Id & ManifestBase,
  S extends JobSummary = JobSummary,
> extends JobFiles<S> {
  folder: FolderFormat<Id, M>;
  /** What makes two runs the same: equal identities share a folder. */
  identity: Id;
  /** Output folder (absolute), worker threads, the command line for the manifest. */
  out: string;
  threads: number;
  command: string | undefined;
  /** The worker module (piscina's `filename`): its default export runs one task. */
  worker: string;
  /** The folder's units run on the calling thread (inlinePool): they are less work than starting a worker thread. */
  inline?: boolean;
  /** The Parquet part's columns (its footer). */
  columns: readonly ColumnSpec[];
  /** The task of unit u; `control` is the shared control block (CONTROL_* slots). */
  task(unit: number, control: SharedArrayBuffer): object;
  progress: ProgressPlan;
  /** Estimated bytes of the published files (refused when the disk has less free); absent: not checked. */
  diskBytes?: () => number;
  /** The error of a failed unit (names its row) and of a stop; `saved`: rows on disk. */
  failed(f: UnitFailure, saved: number): Error;
  aborted(saved: number, total: number): Error;
}

/** A job kind: its folder format and, for a folder's identity (read back from its manifest), its files and units. */
export interface JobKind<Id extends FolderIdentity, M extends Id & ManifestBase, S extends JobSummary = JobSummary> {
  folder: FolderFormat<Id, M>;
  files(identity: Id): JobFiles<S>;
}

/** Progress of a job, as the CLI's progress bar shows it (a job may add fields of its own). */
export interface JobProgress {
  /** Amount done (cells; training: optimiser steps), including what was on disk at start. */
  done: number;
  /** Amount of the whole folder. */
  total: number;
  /** Amount per second in this run. */
  rate: number;
  /** Seconds left (Infinity before the first step). */
  etaSeconds: number;
  /** Amount already on disk when this run started. */
  resumed: number;
}

/** Callbacks and cancellation of a run. */
export interface JobHooks<P extends JobProgress = JobProgress> {
  /** Called at start, about every `progressIntervalMs` while units run, and once when they are all done. */
  onProgress?: (p: P) => void;
  /** Aborting stops the workers at their next step; committed units stay on disk. */
  signal?: AbortSignal;
  /** Milliseconds between progress events; default 100. */
  progressIntervalMs?: number;
  /**
   * Called at each step of publishing: `summary` (summary.csv written), `publish:<file>` (after each
   * part file's rename), `manifest` (manifest.json written, .resume/ still there), `done`. Tests kill
   * the process here to check every window is resumable.
   */
  onStep?: (step: string) => void;
  /** Called after each commit with the units on disk (tests stop here). */
  onCommitted?: (units: number) => void;
}

/** What a run did. */
export interface JobRun<M, S> {
  /** Absolute output folder. */
  out: string;
  /** Rows in the folder (the shard's, or the grid's). */
  rows: number;
  /** Rows computed by this run, and already on disk when it started. */
  computed: number;
  resumed: number;
  /** Wall-clock seconds of this run. */
  seconds: number;
  /** manifest.json as written (or found). */
  manifest: M;
  /** The summary published by this run; null when the folder was found complete. */
  summary: S | null;
  /** Problems found in a finished folder whose files no longer matched its manifest (it was recomputed). */
  repaired: string[];
}

/** Control block Int32 slots: amount done in this run (workers Atomics.add it), */
export const CONTROL_DONE = 0;
/** non-zero asks workers to stop at their next step, */
export const CONTROL_STOP = 1;
/** work done (weights the ETA when the job's units differ in cost), */
export const CONTROL_WORK = 2;
/** one more than the highest unit a worker has begun (ordered commits: see unitClaim.ts). */
export const CONTROL_BEGUN = 3;
/** Byte size of the control block. */
export const CONTROL_BYTES = 16;
