import type { Arch } from '@resnet/core';
import type { SweepAxes } from './axes.js';
import type { CellFormat } from './folder/names.js';
import type { Shard } from './shard.js';

// The messages workers receive (and return). Nothing else lives here.

/** What a sweep computes: the canonical grid plus the shard this folder holds. Plain data (sent to workers). */
export interface GridSpec {
  archs: Arch[];
  depths: number[];
  seeds: { start: number; count: number };
  /** Hidden width (the first of axes.width when the grid lists several). */
  width: number;
  inputSize: number;
  shard: Shard | null;
  /** The non-default variant axes (resolveAxes' output); absent when every axis is the notebook's. */
  axes?: SweepAxes;
}

/** Block task: compute block `block`'s cells, write their summary values into `stats`, encode them in each format. */
export interface BlockTask {
  grid: GridSpec;
  block: number;
  /** Output formats to encode, in file order. */
  formats: CellFormat[];
  /** Per cell of the folder STAT_FIELDS float64 values at (k - firstCell) * STAT_FIELDS (folder/names.ts). */
  stats: SharedArrayBuffer;
  /** Shared control block: Int32 progress counter (slot 0) and stop flag (slot 1). */
  control: SharedArrayBuffer;
}

/** One output file's bytes of a block, with their crc32 and (Parquet) the row group's metadata. */
export interface BlockBytes {
  bytes: Uint8Array;
  crc32: number;
  /** Parquet: the row group's metadata, offsets relative to the row group's first byte (JSON-serialisable). */
  rowGroup?: unknown;
}

/** How a block task ended: encoded output per format, or stopped (control flag), or a cell's error. */
export interface BlockResult {
  block: number;
  /** Set when the stop flag ended the task before its last cell: nothing of the block is kept. */
  stopped?: boolean;
  error?: { k: number; message: string };
  /** Per format in the task's order. */
  outputs?: BlockBytes[];
  /** crc32 of the block's bytes of the stats buffer (little-endian float64). */
  statsCrc32?: number;
  /** Cells of the block with a non-finite metric. */
  nonFinite?: number;
}

/** Control block Int32 slot: cells finished in this run (workers Atomics.add it). */
export const CONTROL_PROGRESS = 0;
/** Control block Int32 slot: non-zero asks workers to stop after their current cell. */
export const CONTROL_STOP = 1;
/** Byte size of the control block. */
export const CONTROL_BYTES = 8;
