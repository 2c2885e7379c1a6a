import type { CellResult } from '@resnet/core';
import type { ArchName } from '../theme.js';

/** The format tag a sweep folder's manifest.json carries (docs/sweep-format.md). */
export const SWEEP_FORMAT = 'resnet-sweep/2';

/** One cell: (arch, depth, seed) and every metric of core's cell (CellResult); loadSweep leaves the arrays empty off the profile depth. */
export type SweepCell = CellResult;

/** The grid a sweep ran over (manifest.json `grid`). */
export interface SweepGrid {
  archs: ArchName[];
  depths: number[];
  seeds: { start: number; count: number };
  /** Hidden width and input size, when the manifest gives them. */
  width: number | null;
  inputSize: number | null;
}

/** manifest.json, with the fields the report reads; `raw` keeps the rest. */
export interface SweepManifest {
  format: string;
  grid: SweepGrid;
  configHash: string | null;
  cellCount: number;
  shard: { index: number; count: number } | null;
  /** Versions of the packages that computed the cells (@resnet/core, @resnet/sweep, node). */
  versions: Record<string, string>;
  /** The sweep's command line, when it was given. */
  command: string | null;
  /** How the run went (threads, chunk size, startedAt, completedAt). */
  run: Record<string, unknown> | null;
  raw: Record<string, unknown>;
}

/** One row of summary.csv: an (arch, depth) group and its statistics, keyed by column name (e.g. `ratio_median`). */
export interface SummaryRow {
  arch: string;
  depth: number;
  count: number;
  nonfinite: number;
  values: Record<string, number>;
}

/** summary.csv: its statistic columns in file order, and its rows. */
export interface SummaryTable {
  columns: string[];
  rows: SummaryRow[];
}

/** Everything a sweep folder holds, parsed and checked. */
export interface SweepData {
  /** The folder, as given. */
  dir: string;
  /** Absolute paths of the three files read (cells: cells.parquet, else cells.jsonl). */
  files: { cells: string; summary: string; manifest: string };
  /** Which cells file was read. */
  format: 'parquet' | 'jsonl';
  /** The depth whose cells carry their per-layer arrays (the figures' profile depth). */
  profileDepth: number;
  manifest: SweepManifest;
  /** Cells in file (canonical) order; per-layer arrays empty except at profileDepth. */
  cells: SweepCell[];
  summary: SummaryTable;
}
