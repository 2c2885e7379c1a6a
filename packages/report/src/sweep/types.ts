import type { CellResult, DepthUnit } from '@resnet/core';
import type { Manifest, ManifestGrid } from '@resnet/sweep/folder';
import type { ArchName } from '../theme.js';

// The folder's format facts live in @resnet/sweep (its './folder' module); the report re-exports the tag.
export { SWEEP_FORMAT } from '@resnet/sweep/folder';

/**
 * One cell: (arch, depth, seed) and every metric of core's cell (CellResult); loadSweep leaves the arrays empty
 * off the profile depth. `depth` is the grid's depth value (in its depth unit); `variant` labels the cell's
 * variant (@resnet/sweep's variantLabel) in a sweep over variant axes; `depthUnit` is set when the grid's is not native.
 */
export type SweepCell = CellResult & { variant?: string; depthUnit?: DepthUnit };

/** The grid a sweep ran over (@resnet/sweep's ManifestGrid, archs checked). */
export interface SweepGrid extends Omit<ManifestGrid, 'archs'> {
  archs: ArchName[];
}

/** manifest.json (@resnet/sweep's Manifest) as checked by parseManifest; `raw` keeps the file's object. */
export interface SweepManifest extends Omit<Manifest, 'grid' | 'command' | 'configHash' | 'run'> {
  grid: SweepGrid;
  configHash: string | null;
  /** The sweep's command line, when it was given. */
  command: string | null;
  /** How the run went (threads, startedAt, completedAt, ...). */
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
  /** The row's axis columns (a sweep over variant axes) by column name, as written; absent otherwise. */
  axes?: Record<string, string>;
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
