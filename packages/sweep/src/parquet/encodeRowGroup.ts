import { CELL_ARRAYS, CELL_SCALARS, cellLayout, type Arch, type CellLayout } from '@resnet/core';
import { encodeColumns, type ColumnValues, type EncodedRowGroup } from './encodeColumns.js';
import { nonFiniteText } from './nonFinite.js';
import { cellColumns, type ColumnSpec } from './schema.js';

/** A unit of cells to encode: their records back to back, and each cell's identity. */
export interface RowGroupInput {
  /** The cells' records, each laid out by @resnet/core's cellLayout({ arch, depth }), back to back. */
  records: Float64Array;
  /** Index in `records` where the first cell's record starts (default 0). */
  start?: number;
  /** Per cell: arch, depth and seed (same length: the number of cells). */
  arch: ArrayLike<string>;
  depth: ArrayLike<number>;
  seed: ArrayLike<number>;
  /** The hidden width (one for every cell, or per cell when the grid lists several) and the input size. */
  width: number | ArrayLike<number>;
  inputSize: number;
  /** Per cell: its nonFinite text when the caller already has it (as nonFiniteText gives it); computed when absent. */
  nonFinite?: ArrayLike<string>;
  /** Axis columns after CELL_COLUMNS (a grid with non-default axes), each with one value per cell. */
  axes?: ReadonlyArray<ColumnSpec & { kind: 'string' | 'double'; values: ArrayLike<string | number | null> }>;
}

const layouts = new Map<string, CellLayout>();

function layoutOf(arch: string, depth: number): CellLayout {
  const key = `${arch}|${depth}`;
  let l = layouts.get(key);
  if (!l) {
    l = cellLayout({ arch: arch as Arch, depth });
    layouts.set(key, l);
  }
  return l;
}

/**
 * Encodes a unit of cells as one cells.parquet row group with the one row-group encoder (encodeColumns):
 * each metric column is gathered from the records in place. Plain JS over typed arrays: runs in a worker
 * thread or a browser.
 */
export function encodeRowGroup(input: RowGroupInput): EncodedRowGroup {
  const { records, arch, depth, seed } = input;
  const n = depth.length;
  const given = input.nonFinite;
  if (arch.length !== n || seed.length !== n || (given && given.length !== n)) {
    throw new RangeError(
      `encodeRowGroup: arch, depth, seed (and nonFinite) lengths differ (${arch.length}, ${n}, ${seed.length}, ${given?.length ?? '-'})`,
    );
  }
  // 1. Where each cell's metrics sit in the records, and its nonFinite text.
  const scalars = CELL_SCALARS.map(() => new Float64Array(n));
  const arrays = CELL_ARRAYS.map(() => ({ at: new Float64Array(n), length: new Float64Array(n) }));
  const nonFinite: string[] = new Array(n);
  let at = input.start ?? 0;
  for (let i = 0; i < n; i++) {
    const l = layoutOf(arch[i]!, depth[i]!);
    for (let m = 0; m < CELL_SCALARS.length; m++) scalars[m]![i] = at + l[CELL_SCALARS[m]!];
    for (let m = 0; m < CELL_ARRAYS.length; m++) {
      const [from, length] = l[CELL_ARRAYS[m]!];
      arrays[m]!.at[i] = at + from;
      arrays[m]!.length[i] = length;
    }
    if (at + l.length > records.length)
      throw new RangeError(
        `encodeRowGroup: cell ${i} (${arch[i]} depth ${depth[i]}) ends at ${at + l.length}, past the records' ${records.length} values`,
      );
    nonFinite[i] = given ? given[i]! : nonFiniteText(records, at, l);
    at += l.length;
  }
  // 2. Every column: identity as given, metrics gathered from the records, then nonFinite and the axes.
  const values: Record<string, ColumnValues> = {
    arch: Array.from(arch),
    depth,
    seed,
    width: typeof input.width === 'number' ? { constant: input.width } : input.width,
    inputSize: { constant: input.inputSize },
    nonFinite,
  };
  CELL_SCALARS.forEach((name, m) => {
    values[name] = { from: records, at: scalars[m]! };
  });
  CELL_ARRAYS.forEach((name, m) => {
    values[name] = { from: records, ...arrays[m]! };
  });
  for (const a of input.axes ?? [])
    values[a.name] =
      a.kind === 'string'
        ? Array.from(a.values, (v) => String(v ?? ''))
        : Float64Array.from(a.values as ArrayLike<number | null>, (v) => v ?? Number.NaN);
  return encodeColumns(cellColumns(input.axes), values, n);
}
