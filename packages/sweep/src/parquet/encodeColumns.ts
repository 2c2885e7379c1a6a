import { levelBound, writeListLevels } from './levels.js';
import { P, type ColumnSpec } from './schema.js';
import { ThriftWriter, T } from './thrift.js';

/** Values read in place from a Float64Array: row i's values are from[at[i] .. at[i] + length[i]) (one value when `length` is absent). */
export interface Gathered {
  from: Float64Array;
  at: ArrayLike<number>;
  length?: ArrayLike<number>;
}

/**
 * One column's values, one per row: strings, numbers (int32, int64, double; or one `constant` for every
 * row), booleans, lists of doubles, or doubles gathered from a record buffer (a double column, or a list
 * column with lengths).
 */
export type ColumnValues =
  | ReadonlyArray<string>
  | ArrayLike<number>
  | ReadonlyArray<boolean>
  | ReadonlyArray<ArrayLike<number>>
  | Gathered
  | { constant: number };

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
  /** One entry per column, in order. */
  columns: ColumnChunkMeta[];
}

/** An encoded row group: its bytes (to append at any file offset) and its relative metadata. */
export interface EncodedRowGroup {
  bytes: Uint8Array;
  meta: RowGroupMeta;
}

/** One column's page before it is written: its levels, value count, size and how to write its values. */
interface Page {
  levels: Uint8Array;
  count: number;
  /** Bytes of the values after the levels. */
  size: number;
  write: (out: Uint8Array, view: DataView, pos: number) => void;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
const EMPTY = new Uint8Array(0);
const encoder = new TextEncoder();

/**
 * Encodes rows given column by column as one Parquet row group: uncompressed PLAIN data pages v1, one
 * page per column, every column required, a `list` column the standard 3-level LIST of doubles; int64
 * as two little-endian 32-bit halves, gathered doubles copied bit for bit (NaN payloads kept). The one
 * row-group encoder of cells.parquet (encodeRowGroup) and runs.parquet (encodeRun); parquetFooter closes the file.
 */
export function encodeColumns(
  columns: readonly ColumnSpec[],
  values: Readonly<Record<string, ColumnValues>>,
  rows: number,
): EncodedRowGroup {
  // 1. Each column's page: levels (lists), value sizes, the header.
  const pages = columns.map((c) => {
    const p = page(c, values[c.name], rows);
    const size = p.levels.length + p.size;
    const header = new ThriftWriter();
    header.struct([
      [1, T.I32, P.DATA_PAGE],
      [2, T.I32, size],
      [3, T.I32, size],
      [
        5,
        T.STRUCT,
        [
          [1, T.I32, p.count],
          [2, T.I32, P.PLAIN],
          [3, T.I32, P.RLE],
          [4, T.I32, P.RLE],
        ],
      ],
    ]);
    return { ...p, header: header.result() };
  });
  // 2. One buffer for the row group: header, levels, values per column.
  const total = pages.reduce((a, p) => a + p.header.length + p.levels.length + p.size, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const meta: ColumnChunkMeta[] = [];
  let pos = 0;
  for (const p of pages) {
    const start = pos;
    out.set(p.header, pos);
    pos += p.header.length;
    out.set(p.levels, pos);
    pos += p.levels.length;
    p.write(out, view, pos);
    pos += p.size;
    meta.push({ offset: start, bytes: pos - start, values: p.count });
  }
  return { bytes: out, meta: { rows, bytes: total, columns: meta } };
}

function page(c: ColumnSpec, v: ColumnValues | undefined, rows: number): Page {
  const given = v === undefined ? 'no' : 'constant' in v ? rows : 'from' in v ? v.at.length : v.length;
  if (given !== rows) throw new RangeError(`encodeColumns: column ${c.name} has ${given} values for ${rows} rows`);
  switch (c.kind) {
    case 'string':
      return stringPage(v as ReadonlyArray<string>, rows);
    case 'boolean': {
      const flags = v as ReadonlyArray<boolean>;
      const size = Math.ceil(rows / 8);
      const write = (out: Uint8Array, _view: DataView, pos: number) => {
        for (let i = 0; i < rows; i++) if (flags[i]) out[pos + (i >> 3)]! |= 1 << (i & 7);
      };
      return { levels: EMPTY, count: rows, size, write };
    }
    case 'list':
      return listPage(v as ReadonlyArray<ArrayLike<number>> | Gathered, rows);
    default:
      return numberPage(c, v as ArrayLike<number> | Gathered | { constant: number }, rows);
  }
}

function stringPage(texts: ReadonlyArray<string>, rows: number): Page {
  // Runs of equal strings (arch, an empty nonFinite) are encoded once.
  const bytes: Uint8Array[] = new Array(rows);
  const seen = new Map<string, Uint8Array>();
  let size = 0;
  let last = '';
  let lastBytes: Uint8Array = EMPTY;
  for (let i = 0; i < rows; i++) {
    const t = String(texts[i]);
    if (t !== last) {
      last = t;
      lastBytes = seen.get(t) ?? encoder.encode(t);
      if (seen.size < 64) seen.set(t, lastBytes);
    }
    bytes[i] = lastBytes;
    size += 4 + lastBytes.length;
  }
  const write = (out: Uint8Array, view: DataView, pos: number) => {
    for (const b of bytes) {
      view.setUint32(pos, b.length, true);
      out.set(b, pos + 4);
      pos += 4 + b.length;
    }
  };
  return { levels: EMPTY, count: rows, size, write };
}

function numberPage(c: ColumnSpec, v: ArrayLike<number> | Gathered | { constant: number }, rows: number): Page {
  const width = c.kind === 'int32' ? 4 : 8;
  if ('from' in v) {
    if (c.kind !== 'double') throw new RangeError(`encodeColumns: column ${c.name} gathers doubles but is ${c.kind}`);
    return { levels: EMPTY, count: rows, size: 8 * rows, write: (out, _view, pos) => gather(out, pos, v, rows) };
  }
  const nums = 'constant' in v ? new Float64Array(rows).fill(v.constant) : v;
  if (c.kind !== 'double')
    for (let i = 0; i < rows; i++)
      if (!Number.isSafeInteger(nums[i]))
        throw new RangeError(`encodeColumns: column ${c.name} row ${i} is ${nums[i]}, not an integer`);
  const write = (_out: Uint8Array, view: DataView, pos: number) => {
    if (c.kind === 'int32') for (let i = 0; i < rows; i++, pos += 4) view.setInt32(pos, nums[i]!, true);
    else if (c.kind === 'double') for (let i = 0; i < rows; i++, pos += 8) view.setFloat64(pos, nums[i]!, true);
    else
      for (let i = 0; i < rows; i++, pos += 8) {
        view.setUint32(pos, nums[i]! >>> 0, true);
        view.setInt32(pos + 4, Math.floor(nums[i]! / 0x100000000), true);
      }
  };
  return { levels: EMPTY, count: rows, size: width * rows, write };
}

function listPage(v: ReadonlyArray<ArrayLike<number>> | Gathered, rows: number): Page {
  const gathered = 'from' in v ? v : null;
  const lists = gathered ? null : (v as ReadonlyArray<ArrayLike<number>>);
  const lengths = gathered ? gathered.length! : lists!.map((l) => l.length);
  const scratch = new Uint8Array(levelBound(rows));
  const w = writeListLevels(lengths, scratch, 0);
  let count = 0;
  for (let i = 0; i < rows; i++) count += lengths[i]!;
  const write = (out: Uint8Array, view: DataView, pos: number) => {
    if (gathered) return gather(out, pos, gathered, rows);
    for (const l of lists!) for (let j = 0; j < l.length; j++, pos += 8) view.setFloat64(pos, l[j]!, true);
  };
  return { levels: scratch.slice(0, w.end), count: w.levels, size: 8 * count, write };
}

/** Copies each row's gathered doubles to out[pos..] as little-endian bytes, bit for bit (NaN payloads kept). */
function gather(out: Uint8Array, pos: number, g: Gathered, rows: number): void {
  const src = new Uint8Array(g.from.buffer, g.from.byteOffset, g.from.byteLength);
  const { at, length } = g;
  const past = (i: number) => new RangeError(`encodeColumns: row ${i} reads past its ${g.from.length} values`);
  if (!LITTLE_ENDIAN) {
    for (let i = 0; i < rows; i++) {
      const n = length === undefined ? 1 : length[i]!;
      const b = at[i]! * 8;
      if (b + 8 * n > src.length) throw past(i);
      for (let j = 0; j < 8 * n; j += 8, pos += 8) for (let k = 0; k < 8; k++) out[pos + k] = src[b + j + 7 - k]!;
    }
  } else if (length === undefined) {
    for (let i = 0; i < rows; i++, pos += 8) {
      const b = at[i]! * 8;
      if (b + 8 > src.length) throw past(i);
      for (let k = 0; k < 8; k++) out[pos + k] = src[b + k]!;
    }
  } else {
    for (let i = 0; i < rows; i++) {
      const b = at[i]! * 8;
      const e = b + 8 * length[i]!;
      if (e > src.length) throw past(i);
      out.set(src.subarray(b, e), pos);
      pos += e - b;
    }
  }
}
