import { cellLayout, cellNormalCount, resolveNetworkConfig, type Arch, type CellLayout } from '@resnet/core';
import type { GridSpec } from './types.js';

// The only file that knows offsets: cell indices, record offsets in the staging file and in task
// buffers, the shared control block and the per-cell summary values.
//
// A group g is one (arch, depth) pair, g = archIdx * depths + depthIdx. The canonical cell index is
// k = g * seeds + seedIdx. A shard (i, n) holds the cells with k mod n == i - 1; its "local" index
// counts those cells in canonical order. The staging file stores every local cell's record (its
// length depends on the group) back to back in local order, so any run of consecutive local indices
// is one contiguous byte range.

/** Bytes before the records in a task buffer: an Int32 count of cells finished, padded to 8. */
export const TASK_HEADER_BYTES = 8;
/** Control block Int32 slot: cells finished in this run (workers Atomics.add it). */
export const CONTROL_PROGRESS = 0;
/** Control block Int32 slot: non-zero asks workers to stop after their current cell. */
export const CONTROL_STOP = 1;
/** Byte size of the control block. */
export const CONTROL_BYTES = 8;
/** Per-cell summary value slots a format task returns: the ratio, */
export const STAT_RATIO = 0;
/** gradNorms[0], */
export const STAT_FIRST_GRAD = 1;
/** gradNorms[last], */
export const STAT_LAST_GRAD = 2;
/** actNorms[last], */
export const STAT_LAST_ACT = 3;
/** and 1 when any metric of the cell is NaN or infinite. */
export const STAT_NONFINITE = 4;
/** Summary values per cell. */
export const STAT_FIELDS = 5;

/** Offsets and sizes of one grid (or shard of it). */
export interface GridLayout {
  grid: GridSpec;
  groupCount: number;
  seedCount: number;
  groupArch: Arch[];
  groupDepth: number[];
  /** Core's record layout of each group. */
  records: CellLayout[];
  /** Normal draws each group's cells read from their seed's stream. */
  normals: number[];
  /** Local index of each group's first cell; firstLocal[groupCount] = cellCount. */
  firstLocal: number[];
  /** Staging byte offset of each group's first record; byteBase[groupCount] = staging size. */
  byteBase: number[];
  /** Seed index of each group's first cell in this shard. */
  firstSeedIdx: number[];
  /** Cells in this folder (the shard's, or the whole grid's). */
  cellCount: number;
  /** Cells of the whole grid. */
  gridCellCount: number;
  maxRecordLength: number;
  /** Upper bound of a cells.jsonl line's bytes, over the groups. */
  maxLineBytes: number;
  maxNormals: number;
  shardRest: number;
  shardCount: number;
}

/** Computes the layout of a grid; O(groups). */
export function createLayout(grid: GridSpec): GridLayout {
  const S = grid.seeds.count;
  const n = grid.shard?.count ?? 1;
  const r = (grid.shard?.index ?? 1) - 1;
  const l: GridLayout = {
    grid, groupCount: 0, seedCount: S, groupArch: [], groupDepth: [], records: [], normals: [], firstLocal: [0], byteBase: [0],
    firstSeedIdx: [], cellCount: 0, gridCellCount: 0, maxRecordLength: 0, maxLineBytes: 0, maxNormals: 0, shardRest: r, shardCount: n,
  };
  for (const arch of grid.archs) {
    for (const depth of grid.depths) {
      const config = resolveNetworkConfig({ arch, depth, width: grid.width, inputSize: grid.inputSize });
      const g = l.groupCount++;
      const rec = cellLayout(config);
      l.groupArch.push(arch);
      l.groupDepth.push(depth);
      l.records.push(rec);
      l.normals.push(cellNormalCount(config));
      const cells = shardCellsBelow(l, (g + 1) * S) - shardCellsBelow(l, g * S);
      l.firstSeedIdx.push(mod(r - g * S, n));
      l.firstLocal.push(l.firstLocal[g]! + cells);
      l.byteBase.push(l.byteBase[g]! + cells * rec.length * 8);
      l.maxRecordLength = Math.max(l.maxRecordLength, rec.length);
      l.maxLineBytes = Math.max(l.maxLineBytes, lineBound(rec));
      l.maxNormals = Math.max(l.maxNormals, l.normals[g]!);
    }
  }
  l.cellCount = l.firstLocal[l.groupCount]!;
  l.gridCellCount = l.groupCount * S;
  return l;
}

/** Number of this shard's cells whose canonical index is below k. */
export function shardCellsBelow(l: Pick<GridLayout, 'shardRest' | 'shardCount'>, k: number): number {
  return k <= l.shardRest ? 0 : Math.floor((k - l.shardRest - 1) / l.shardCount) + 1;
}

/** Whether the cell (g, seedIdx) belongs to this shard. */
export function inShard(l: GridLayout, g: number, seedIdx: number): boolean {
  return (g * l.seedCount + seedIdx) % l.shardCount === l.shardRest;
}

/** Local index of the shard cell (g, seedIdx). */
export function localIndex(l: GridLayout, g: number, seedIdx: number): number {
  return l.firstLocal[g]! + (seedIdx - l.firstSeedIdx[g]!) / l.shardCount;
}

/** Group of a local cell (binary search over firstLocal). */
export function groupOf(l: GridLayout, local: number): number {
  let lo = 0;
  let hi = l.groupCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (l.firstLocal[mid]! <= local) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Seed index of a local cell in group g. */
export function seedIdxOf(l: GridLayout, g: number, local: number): number {
  return l.firstSeedIdx[g]! + (local - l.firstLocal[g]!) * l.shardCount;
}

/** Canonical index k of a local cell. */
export function canonicalIndex(l: GridLayout, local: number): number {
  const g = groupOf(l, local);
  return g * l.seedCount + seedIdxOf(l, g, local);
}

/** Staging-file byte offset of a local cell's record (local may be cellCount: the end). */
export function recordByteOffset(l: GridLayout, local: number): number {
  if (local >= l.cellCount) return l.byteBase[l.groupCount]!;
  const g = groupOf(l, local);
  return l.byteBase[g]! + (local - l.firstLocal[g]!) * l.records[g]!.length * 8;
}

/**
 * Upper bound of a cells.jsonl line's bytes: ~150 bytes of keys and punctuation, 4 integers of at
 * most 16 digits, and per value at most 24 characters ("-2.2250738585072014e-308") plus a comma.
 */
export function lineBound(rec: CellLayout): number {
  return 256 + 32 * Math.ceil((25 * rec.length) / 32); // a multiple of 8 keeps task buffers 8-aligned
}

/** Byte size of a task buffer for `cells` cells: header, records, then room for their JSON lines. */
export function taskBufferBytes(l: GridLayout, cells: number): number {
  return TASK_HEADER_BYTES + cells * (l.maxRecordLength * 8 + l.maxLineBytes);
}

/** The records of a task buffer as doubles (offset 0 = first record). */
export function taskRecords(buffer: SharedArrayBuffer): Float64Array {
  return new Float64Array(buffer, TASK_HEADER_BYTES);
}

/** The text area of a task buffer (after room for its records), where format tasks write JSON lines. */
export function taskText(l: GridLayout, buffer: SharedArrayBuffer): Uint8Array {
  const cells = (buffer.byteLength - TASK_HEADER_BYTES) / (l.maxRecordLength * 8 + l.maxLineBytes);
  const at = TASK_HEADER_BYTES + cells * l.maxRecordLength * 8;
  return new Uint8Array(buffer, at, buffer.byteLength - at);
}

/** The task buffer's Int32 count of cells finished (workers Atomics.store it after each cell). */
export function taskCounter(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 1);
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
