import { weightLayerCount } from '@resnet/core';
import { formatBytes } from './errors.js';
import { STAT_FIELDS, type OutputFormat } from './folder/names.js';
import { MAX_UNIT_CELLS } from './units.js';
import type { GridLayout } from './layout.js';

/** Estimated peak memory of a sweep, by part, in bytes. */
export interface MemoryEstimate {
  total: number;
  /** Each worker: V8 baseline, the networks it caches (one per group), one unit's records and encoded bytes. */
  perWorker: number;
  /** Main thread: V8 baseline, the stats buffer, the reorder buffer. */
  main: number;
  /** The estimate in words, for error messages. */
  detail: string;
}

/** Baseline RSS of the main thread's isolate with the sweep loaded (rounded up). */
const ISOLATE_BYTES = 48 * 2 ** 20;
/** Baseline RSS of a worker thread's isolate (720,000 cells on 16 threads peaked at 692 MB in all, about 30 MB per worker). */
const WORKER_ISOLATE_BYTES = 32 * 2 ** 20;
/** Bytes of cells.jsonl per metric value (measured ~21; rounded up). */
const JSONL_BYTES_PER_VALUE = 22;
/** Bytes of cells.parquet per metric value (8-byte doubles plus list levels). */
const PARQUET_BYTES_PER_VALUE = 9;
/** Bytes the layout of one (arch, variant, depth) group takes on a thread (its cell, record layout, normals; measured ~560 on Node 20, rounded up with its summary row). */
export const LAYOUT_BYTES_PER_GROUP = 1024;
/** Default bytes of finished and in-flight units the main thread holds (the reorder window). */
export const DEFAULT_BUFFER_BYTES = 64 * 2 ** 20;

/** Estimated bytes one cell adds to the output files, over the formats (mean over groups). */
export function bytesPerCell(l: GridLayout, formats: readonly OutputFormat[]): number {
  let bytes = STAT_FIELDS * 8;
  for (const f of formats)
    bytes +=
      f === 'jsonl'
        ? 220 + l.meanRecordLength * JSONL_BYTES_PER_VALUE
        : 40 + l.meanRecordLength * PARQUET_BYTES_PER_VALUE;
  return bytes;
}

/** Estimates the memory of a sweep from its layout, threads, formats and buffer (no allocation). */
export function estimateGridMemory(o: {
  layout: GridLayout;
  threads: number;
  formats: readonly OutputFormat[];
  bufferBytes: number;
}): MemoryEstimate {
  const l = o.layout;
  const workers = Math.min(o.threads, Math.max(1, l.lastUnit - l.firstUnit));
  let networks = 0;
  // A cached network holds weights, signals and a workspace: about 3 doubles per weight. A batch > 1 adds dW (a
  // double per weight) and activations per sample (z, a, dz, dOut per layer and the residual stream's: ~6 per unit).
  for (let g = 0; g < l.groupCount; g++) {
    const { arch, depth, width, batch = 1 } = l.groupCells[g]!.spec;
    const perSample =
      batch > 1 ? 8 * l.normals[g]! + 6 * 8 * batch * (width ?? l.grid.width) * weightLayerCount(arch, depth) : 0;
    networks = Math.max(networks, 3 * 8 * l.normals[g]! + perSample);
  }
  networks *= l.grid.archs.length; // one buffer set per arch, viewed at every depth
  const unitCells = Math.min(MAX_UNIT_CELLS, l.cellCount);
  const unit = unitCells * (l.maxRecordLength * 8 * 3 + bytesPerCell(l, o.formats) * 2); // records, JSON objects, text
  // Every thread lays the grid out (the main thread and each worker).
  const layout = l.groupCount * LAYOUT_BYTES_PER_GROUP;
  const perWorker = WORKER_ISOLATE_BYTES + layout + 8 * l.maxNormals + networks + unit;
  const stats = l.cellCount * STAT_FIELDS * 8;
  const main = ISOLATE_BYTES + layout + stats + o.bufferBytes;
  const total = main + workers * perWorker;
  const detail =
    `${l.cellCount} cells; main thread ${formatBytes(main)} (summary values ${formatBytes(stats)}, output buffer ${formatBytes(o.bufferBytes)}), ` +
    `${workers} worker(s) x ${formatBytes(perWorker)}`;
  return { total, perWorker, main, detail };
}

/** Estimated disk use of a sweep folder: its output files (the part files become them by rename). */
export function estimateGridDisk(l: GridLayout, formats: readonly OutputFormat[]): number {
  return l.cellCount * bytesPerCell(l, formats) + 64 * 1024;
}
