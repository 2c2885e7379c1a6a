import type { Piscina } from 'piscina';
import type { GridLayout } from './layout.js';
import type { Staging } from './staging.js';
import type { Arch } from '@resnet/core';
import type { Shard } from './shard.js';

/** What a sweep computes: the canonical grid plus the shard this folder holds. Plain data (sent to workers). */
export interface GridSpec {
  archs: Arch[];
  depths: number[];
  seeds: { start: number; count: number };
  width: number;
  inputSize: number;
  shard: Shard | null;
}

/** Compute task: run the listed cells and write each record into `buffer` (layout.ts owns the offsets). */
export interface ComputeTask {
  kind: 'compute';
  grid: GridSpec;
  /** Cells in execution order as triplets [group, seed, record offset in doubles]. */
  cells: Float64Array;
  /** Task buffer: header (cells finished, see layout.ts) then the records. */
  buffer: SharedArrayBuffer;
  /** Shared control block: progress counter and stop flag (see layout.ts). */
  control: SharedArrayBuffer;
}

/** Format task: turn `count` consecutive records starting at local cell `start` into JSON lines. */
export interface FormatTask {
  kind: 'format';
  grid: GridSpec;
  start: number;
  count: number;
  /** Task buffer: header, then the records as stored in the staging file. */
  buffer: SharedArrayBuffer;
}

/** Any task the worker accepts. */
export type Task = ComputeTask | FormatTask;

/** How a compute task ended: `done` cells (in execution order) finished; `error` if a cell threw. */
export interface ComputeResult {
  done: number;
  error?: { group: number; seed: number; message: string };
}

/** Where a format task left its JSON lines in the buffer's text area, plus per cell the values the summary needs (layout.ts STAT_*). */
export interface FormatResult {
  /** The lines are bytes [start, end) of the task buffer's text area. */
  start: number;
  end: number;
  stats: Float64Array;
}

/** Progress of a running sweep, as the CLI's progress bar shows it. */
export interface SweepProgress {
  /** Cells finished, including those already on disk at start. */
  done: number;
  /** Cells this sweep (or shard) holds. */
  total: number;
  /** Cells computed per second in this run. */
  rate: number;
  /** Seconds left at the current rate (Infinity before the first cell). */
  etaSeconds: number;
  /** Cells already on disk when this run started (resumed). */
  resumed: number;
}

/** What both pool passes (compute, then the final JSON pass) work with. */
export interface PassContext {
  pool: Piscina;
  layout: GridLayout;
  grid: GridSpec;
  staging: Staging;
  threads: number;
  /** Cells per worker task. */
  chunkSize: number;
  signal?: AbortSignal;
}
