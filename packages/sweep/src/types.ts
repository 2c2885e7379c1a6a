import type { Arch } from '@resnet/core';
import type { SweepAxes } from './axes.js';
import type { OutputFormat } from './folder/names.js';
import type { Shard } from './shard.js';

// The messages sweep workers receive. Nothing else lives here.

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

/** A sweep worker's task: compute unit `unit`'s cells and encode them in each format, then their summary values. */
export interface SweepTask {
  grid: GridSpec;
  unit: number;
  /** Output formats to encode, in file order. */
  formats: OutputFormat[];
  /** Shared control block (the job core's CONTROL_* slots). */
  control: SharedArrayBuffer;
}
