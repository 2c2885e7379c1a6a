import type { Dataset, TrainOptions } from '@resnet/core';
import type { CellFormat } from '../folder/names.js';
import type { RowGroupMeta } from '../parquet/encodeRowGroup.js';
import type { ColumnSpec } from '../parquet/schema.js';

// The messages training workers receive (and return). Nothing else lives here.

/** Training options shared by every run of a grid (arch, depth and seed come from the grid). */
export type RunOptions = Omit<TrainOptions, 'arch' | 'depth' | 'seed'>;

/** One run to train: its coordinates, the shared options, the data (SharedArrayBuffer-backed: never copied). */
export interface RunTask {
  arch: 'plain' | 'residual';
  depth: number;
  seed: number;
  options: RunOptions;
  train: Dataset;
  test: Dataset | null;
  /** The runs files to write the run to, in order, and runs.parquet's columns (runColumns of the folder's options). */
  formats: CellFormat[];
  columns: ColumnSpec[];
  /** Shared control block (CONTROL_* slots). */
  control: SharedArrayBuffer;
}

/** How a run task ended: its bytes in each runs file, or stopped (control flag), or an error. */
export interface RunResult {
  stopped?: boolean;
  error?: string;
  /** Per format of the task, in order: the run's bytes (a runs.jsonl line; a runs.parquet row group) and their crc32. */
  parts?: Array<{ bytes: Uint8Array; crc32: number }>;
  /** The runs.parquet row group's metadata (offsets relative to its start), with parquet. */
  rowGroup?: RowGroupMeta;
  /** 1 when a final value is NaN or infinite, else 0. */
  nonFinite?: number;
}

/** Control block Int32 slot: optimiser steps taken in this sweep (workers Atomics.add it). */
export const CONTROL_STEPS = 0;
/** Control block Int32 slot: non-zero asks workers to stop at their next step. */
export const CONTROL_STOP = 1;
/** Control block Int32 slot: steps weighted by depth (work done, for the ETA). */
export const CONTROL_WORK = 2;
/** Byte size of the control block. */
export const CONTROL_BYTES = 12;
