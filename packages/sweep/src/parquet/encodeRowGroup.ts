import { cellLayout, type Arch, type CellLayout } from '@resnet/core';
import { levelBound, writeListLevels } from './levels.js';
import { nonFiniteText } from './nonFinite.js';
import { P, cellColumns, type ColumnSpec } from './schema.js';
import { ThriftWriter, T } from './thrift.js';

/** A block of cells to encode: their records back to back, and each cell's identity. */
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

/** Where one column chunk sits in its row group. */
export interface ColumnChunkMeta {
  /** Byte offset of the chunk (its only data page header) from the row group's start. */
  offset: number;
  /** Chunk length in bytes (page header + page). */
  bytes: number;
  /** Leaf values incl. levels of empty lists (Parquet's num_values). */
  values: number;
}

/** Metadata of an encoded row group, offsets relative to its first byte; plain JSON data. */
export interface RowGroupMeta {
  rows: number;
  /** Row group length in bytes. */
  bytes: number;
  /** One entry per column (CELL_COLUMNS, then the axis columns), in order. */
  columns: ColumnChunkMeta[];
}

/** An encoded row group: its bytes (to append at any file offset) and its relative metadata. */
export interface EncodedRowGroup {
  bytes: Uint8Array;
  meta: RowGroupMeta;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
const encoder = new TextEncoder();
const layouts = new Map<string, CellLayout>();
const archBytes = new Map<string, Uint8Array>();
const EMPTY = new Uint8Array(0);

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
 * Encodes a block of cells as one Parquet row group (uncompressed PLAIN data pages v1, one page per
 * column, columns as CELL_COLUMNS). Plain JS over typed arrays: runs in a worker thread or a browser.
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
  // 1. Each cell's layout, record offset and nonFinite text.
  const cellLayouts: CellLayout[] = new Array(n);
  const offsets = new Float64Array(n);
  const archText: Uint8Array[] = new Array(n);
  const nonFinite: Uint8Array[] = new Array(n);
  let at = input.start ?? 0;
  let archSize = 0;
  let nonFiniteSize = 0;
  for (let i = 0; i < n; i++) {
    const l = layoutOf(arch[i]!, depth[i]!);
    cellLayouts[i] = l;
    offsets[i] = at;
    if (at + l.length > records.length)
      throw new RangeError(
        `encodeRowGroup: cell ${i} (${arch[i]} depth ${depth[i]}) ends at ${at + l.length}, past the records' ${records.length} values`,
      );
    let a = archBytes.get(arch[i]!);
    if (!a) {
      a = encoder.encode(arch[i]!);
      archBytes.set(arch[i]!, a);
    }
    archText[i] = a;
    archSize += 4 + a.length;
    const text = given ? given[i]! : nonFiniteText(records, at, l);
    nonFinite[i] = text === '' ? EMPTY : encoder.encode(text);
    nonFiniteSize += 4 + nonFinite[i]!.length;
    at += l.length;
  }
  // 2. Each column's page: levels (lists only) and value sizes, then its header.
  const recBytes = new Uint8Array(records.buffer, records.byteOffset, records.byteLength);
  const scratch = new Uint8Array(levelBound(n));
  const lengths = new Float64Array(n);
  const axisText = new Map<string, Uint8Array[]>();
  const axisSize = new Map<string, number>();
  for (const a of input.axes ?? []) {
    if (a.values.length !== n)
      throw new RangeError(`encodeRowGroup: axis column ${a.name} has ${a.values.length} values for ${n} cells`);
    if (a.kind !== 'string') continue;
    const texts: Uint8Array[] = [];
    let size = 0;
    for (let i = 0; i < n; i++) {
      texts.push(encoder.encode(String(a.values[i] ?? '')));
      size += 4 + texts[i]!.length;
    }
    axisText.set(a.name, texts);
    axisSize.set(a.name, size);
  }
  const pages = cellColumns(input.axes).map((c) => {
    let levels = EMPTY;
    let values = n;
    let valueBytes: number;
    if (c.kind === 'list') {
      const name = c.name as 'gradNorms';
      let total = 0;
      for (let i = 0; i < n; i++) total += lengths[i] = cellLayouts[i]![name][1];
      const w = writeListLevels(lengths, scratch, 0);
      levels = scratch.slice(0, w.end);
      values = w.levels;
      valueBytes = 8 * total;
    } else {
      valueBytes =
        c.kind === 'string'
          ? c.name === 'arch'
            ? archSize
            : c.name === 'nonFinite'
              ? nonFiniteSize
              : axisSize.get(c.name)!
          : c.kind === 'int32'
            ? 4 * n
            : 8 * n;
    }
    const size = levels.length + valueBytes;
    const header = new ThriftWriter();
    header.struct([
      [1, T.I32, P.DATA_PAGE],
      [2, T.I32, size],
      [3, T.I32, size],
      [
        5,
        T.STRUCT,
        [
          [1, T.I32, values],
          [2, T.I32, P.PLAIN],
          [3, T.I32, P.RLE],
          [4, T.I32, P.RLE],
        ],
      ],
    ]);
    return { c, header: header.result(), levels, values, size };
  });
  // 3. One buffer for the row group: header, levels, values per column.
  let total = 0;
  for (const p of pages) total += p.header.length + p.size;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const columns: ColumnChunkMeta[] = [];
  let pos = 0;
  for (const p of pages) {
    const start = pos;
    out.set(p.header, pos);
    pos += p.header.length;
    out.set(p.levels, pos);
    pos += p.levels.length;
    pos = writeValues(p.c, {
      out,
      view,
      pos,
      recBytes,
      records,
      offsets,
      cellLayouts,
      archText,
      nonFinite,
      axisText,
      input,
    });
    columns.push({ offset: start, bytes: pos - start, values: p.values });
  }
  return { bytes: out, meta: { rows: n, bytes: total, columns } };
}

interface Ctx {
  out: Uint8Array;
  view: DataView;
  pos: number;
  recBytes: Uint8Array;
  records: Float64Array;
  offsets: Float64Array;
  cellLayouts: CellLayout[];
  archText: Uint8Array[];
  nonFinite: Uint8Array[];
  axisText: Map<string, Uint8Array[]>;
  input: RowGroupInput;
}

/** Writes one column's PLAIN values at ctx.pos; returns the end offset. */
function writeValues(c: ColumnSpec, x: Ctx): number {
  const { out, view, offsets, cellLayouts, input } = x;
  const n = offsets.length;
  let pos = x.pos;
  switch (c.kind) {
    case 'string': {
      const texts = c.name === 'arch' ? x.archText : c.name === 'nonFinite' ? x.nonFinite : x.axisText.get(c.name)!;
      for (let i = 0; i < n; i++) {
        const t = texts[i]!;
        view.setUint32(pos, t.length, true);
        out.set(t, pos + 4);
        pos += 4 + t.length;
      }
      return pos;
    }
    case 'int32': {
      const { width } = input;
      for (let i = 0; i < n; i++, pos += 4) {
        const v =
          c.name === 'depth'
            ? input.depth[i]!
            : c.name === 'width'
              ? typeof width === 'number'
                ? width
                : width[i]!
              : input.inputSize;
        view.setInt32(pos, v, true);
      }
      return pos;
    }
    case 'int64': {
      for (let i = 0; i < n; i++, pos += 8) {
        const v = input.seed[i]!;
        view.setUint32(pos, v >>> 0, true);
        view.setUint32(pos + 4, Math.floor(v / 0x100000000), true);
      }
      return pos;
    }
    case 'double': {
      const axis = input.axes?.find((a) => a.name === c.name);
      if (axis) {
        for (let i = 0; i < n; i++, pos += 8) view.setFloat64(pos, (axis.values[i] as number | null) ?? NaN, true);
        return pos;
      }
      const name = c.name as 'xNorm';
      for (let i = 0; i < n; i++, pos += 8) copyDoubles(x, offsets[i]! + cellLayouts[i]![name], 1, pos);
      return pos;
    }
    case 'list': {
      const name = c.name as 'gradNorms';
      for (let i = 0; i < n; i++) {
        const [at, len] = cellLayouts[i]![name];
        copyDoubles(x, offsets[i]! + at, len, pos);
        pos += 8 * len;
      }
      return pos;
    }
    case 'boolean':
      throw new RangeError(
        `encodeRowGroup: column ${c.name} is boolean; cells have none (encodeColumns writes booleans)`,
      );
  }
}

/** Copies count doubles from records[from..] to out[pos..] as little-endian bytes, bit for bit (NaN payloads kept). */
function copyDoubles(x: Ctx, from: number, count: number, pos: number): void {
  if (LITTLE_ENDIAN) {
    const b = from * 8;
    if (count === 1) {
      const src = x.recBytes;
      const out = x.out;
      for (let k = 0; k < 8; k++) out[pos + k] = src[b + k]!;
    } else x.out.set(x.recBytes.subarray(b, b + 8 * count), pos);
    return;
  }
  for (let j = 0; j < count; j++) {
    const b = (from + j) * 8;
    for (let k = 0; k < 8; k++) x.out[pos + 8 * j + k] = x.recBytes[b + 7 - k]!;
  }
}
