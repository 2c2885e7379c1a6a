import type { ColumnChunkMeta, RowGroupMeta } from './encodeColumns.js';
import { pageLevels, readLevels, rowStartsAllDefined } from './levels.js';
import { CELL_COLUMNS, P, type ColumnSpec } from './schema.js';
import { ThriftReader, type ThriftStruct } from './thrift.js';

/** A LIST<DOUBLE> column of a row group: all values, and where each row's list starts (rows + 1 entries). */
export interface DecodedList {
  values: Float64Array;
  starts: Float64Array;
}

/** A decoded row group: one entry per column (CELL_COLUMNS, then any axis columns), by name. */
export interface DecodedRowGroup {
  rows: number;
  strings: Record<string, string[]>;
  /** INT32 columns as Int32Array (BOOLEAN ones too, as 0 and 1), INT64 and DOUBLE ones as Float64Array. */
  numbers: Record<string, Float64Array | Int32Array>;
  /** null when the lists were not asked for. */
  lists: Record<string, DecodedList> | null;
}

const LITTLE_ENDIAN = new Uint8Array(Float64Array.of(1).buffer)[7] === 0x3f;
const utf8 = new TextDecoder();

/** Thrown by decodeRowGroup; the reader adds the file and row group. */
export class DecodeError extends Error {
  override name = 'DecodeError';
}

/**
 * Decodes a row group as encodeRowGroup writes it (PLAIN data pages v1, uncompressed; several pages per
 * chunk, and v2 data pages, are read too) from its bytes. `lists: false` skips the LIST columns.
 */
export function decodeRowGroup(
  bytes: Uint8Array,
  meta: RowGroupMeta,
  lists = true,
  columns: readonly ColumnSpec[] = CELL_COLUMNS,
): DecodedRowGroup {
  const out: DecodedRowGroup = { rows: meta.rows, strings: {}, numbers: {}, lists: lists ? {} : null };
  columns.forEach((c, j) => {
    const chunk = meta.columns[j]!;
    if (c.kind === 'list') {
      if (out.lists) out.lists[c.name] = decodeList(bytes, chunk, meta.rows, c);
    } else if (c.kind === 'string') out.strings[c.name] = decodeStrings(bytes, chunk, meta.rows, c);
    else if (c.kind === 'boolean') out.numbers[c.name] = decodeBooleans(bytes, chunk, meta.rows, c);
    else out.numbers[c.name] = decodeNumbers(bytes, chunk, meta.rows, c);
  });
  return out;
}

/** A data page: its body (levels, then PLAIN values), value count, and v2's [repetition, definition] level byte lengths. */
type Page = (body: Uint8Array, n: number, v2: readonly [number, number] | null) => void;

/** Calls page() for each data page (v1 or v2, PLAIN) of a column chunk. */
function eachPage(bytes: Uint8Array, chunk: ColumnChunkMeta, c: ColumnSpec, page: Page): void {
  const end = chunk.offset + chunk.bytes;
  if (end > bytes.length)
    throw new DecodeError(`column ${c.name} ends at byte ${end}, past the row group's ${bytes.length}`);
  let at = chunk.offset;
  let seen = 0;
  while (seen < chunk.values) {
    const r = new ThriftReader(bytes.subarray(0, end), at);
    let h: ThriftStruct;
    try {
      h = r.struct();
    } catch (e) {
      throw new DecodeError(`column ${c.name}: page header at byte ${at} cannot be decoded (${(e as Error).message})`);
    }
    const size = h.get(3) as number;
    const v1 = h.get(1) === P.DATA_PAGE ? (h.get(5) as ThriftStruct | undefined) : undefined;
    const v2 = h.get(1) === P.DATA_PAGE_V2 ? (h.get(8) as ThriftStruct | undefined) : undefined;
    const dph = v1 ?? v2;
    if (!dph) throw new DecodeError(`column ${c.name}: page type ${String(h.get(1))} is not a data page`);
    if (dph.get(v1 ? 2 : 4) !== P.PLAIN)
      throw new DecodeError(`column ${c.name}: page encoding ${String(dph.get(v1 ? 2 : 4))} is not PLAIN`);
    if (typeof size !== 'number' || r.at + size > end)
      throw new DecodeError(`column ${c.name}: a page of ${String(size)} bytes runs past the column chunk`);
    const n = dph.get(1) as number;
    page(bytes.subarray(r.at, r.at + size), n, v2 ? [(v2.get(6) as number) ?? 0, (v2.get(5) as number) ?? 0] : null);
    seen += n;
    at = r.at + size;
  }
  if (seen !== chunk.values)
    throw new DecodeError(`column ${c.name}: pages hold ${seen} values, the metadata says ${chunk.values}`);
}

function decodeStrings(bytes: Uint8Array, chunk: ColumnChunkMeta, rows: number, c: ColumnSpec): string[] {
  const out: string[] = [];
  let last = '';
  let lastBytes: Uint8Array | null = null;
  eachPage(bytes, chunk, c, (body, n, v2) => {
    // A required flat column has no levels (v2 may still give lengths, normally 0).
    let p = v2 ? v2[0] + v2[1] : 0;
    for (let i = 0; i < n; i++) {
      if (p + 4 > body.length) throw new DecodeError(`column ${c.name}: value ${out.length} runs past its page`);
      const len = body[p]! | (body[p + 1]! << 8) | (body[p + 2]! << 16) | (body[p + 3]! * 0x1000000);
      p += 4;
      if (p + len > body.length) throw new DecodeError(`column ${c.name}: value ${out.length} runs past its page`);
      const b = body.subarray(p, p + len);
      p += len;
      // Runs of equal strings (arch, empty nonFinite) decode once.
      if (!(lastBytes && sameBytes(lastBytes, b))) {
        last = utf8.decode(b);
        lastBytes = b;
      }
      out.push(last);
    }
  });
  if (out.length !== rows) throw new DecodeError(`column ${c.name} holds ${out.length} values for ${rows} rows`);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function decodeNumbers(
  bytes: Uint8Array,
  chunk: ColumnChunkMeta,
  rows: number,
  c: ColumnSpec,
): Float64Array | Int32Array {
  const out = c.kind === 'int32' ? new Int32Array(rows) : new Float64Array(rows);
  const width = c.kind === 'int32' ? 4 : 8;
  let k = 0;
  eachPage(bytes, chunk, c, (page, n, v2) => {
    const body = v2 ? page.subarray(v2[0] + v2[1]) : page;
    if (k + n > rows || body.length < n * width)
      throw new DecodeError(`column ${c.name}: a page of ${n} values does not fit its rows or bytes`);
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    if (c.kind === 'double') copyDoubles(body, 0, out as Float64Array, k, n);
    else if (c.kind === 'int32') for (let i = 0; i < n; i++) out[k + i] = view.getInt32(4 * i, true);
    else
      for (let i = 0; i < n; i++)
        out[k + i] = view.getUint32(8 * i, true) + view.getInt32(8 * i + 4, true) * 0x100000000;
    k += n;
  });
  if (k !== rows) throw new DecodeError(`column ${c.name} holds ${k} values for ${rows} rows`);
  return out;
}

/** A required BOOLEAN column (PLAIN: bit-packed, least significant bit first) as 0/1. */
function decodeBooleans(bytes: Uint8Array, chunk: ColumnChunkMeta, rows: number, c: ColumnSpec): Int32Array {
  const out = new Int32Array(rows);
  let k = 0;
  eachPage(bytes, chunk, c, (page, n, v2) => {
    const body = v2 ? page.subarray(v2[0] + v2[1]) : page;
    if (k + n > rows || body.length < Math.ceil(n / 8))
      throw new DecodeError(`column ${c.name}: a page of ${n} values does not fit its rows or bytes`);
    for (let i = 0; i < n; i++) out[k + i] = (body[i >> 3]! >> (i & 7)) & 1;
    k += n;
  });
  if (k !== rows) throw new DecodeError(`column ${c.name} holds ${k} values for ${rows} rows`);
  return out;
}

function decodeList(bytes: Uint8Array, chunk: ColumnChunkMeta, rows: number, c: ColumnSpec): DecodedList {
  const values = new Float64Array(chunk.values);
  const starts = new Float64Array(rows + 1);
  let count = 0;
  let row = -1;
  let rep = new Uint8Array(0);
  let def = new Uint8Array(0);
  eachPage(bytes, chunk, c, (body, n, v2) => {
    // A page: repetition levels, definition levels, then the defined values.
    const l = pageLevels(body, v2);
    if (!l) throw new DecodeError(`column ${c.name}: level blocks run past the page`);
    let here = n;
    // Fast path: every level defined (no empty list), so value index = level index.
    const next = rowStartsAllDefined(body, l, n, starts, row + 1, count);
    if (next >= 0) row = next - 1;
    else {
      if (rep.length < n) {
        rep = new Uint8Array(n);
        def = new Uint8Array(n);
      }
      if (!readLevels(body, l.repStart, l.repEnd, n, rep) || !readLevels(body, l.defStart, l.defEnd, n, def)) {
        throw new DecodeError(`column ${c.name}: malformed repetition or definition levels`);
      }
      here = 0;
      for (let i = 0; i < n; i++) {
        if (rep[i] === 0) {
          if (++row >= rows) throw new DecodeError(`column ${c.name} holds more than ${rows} rows`);
          starts[row] = count + here;
        }
        if (def[i] === 1) here++;
      }
    }
    if (row < 0 || body.length - l.valuesStart < 8 * here)
      throw new DecodeError(`column ${c.name}: a page of ${here} values does not fit its bytes`);
    copyDoubles(body, l.valuesStart, values, count, here);
    count += here;
  });
  if (row !== rows - 1) throw new DecodeError(`column ${c.name} holds ${row + 1} lists for ${rows} rows`);
  starts[rows] = count;
  return { values: values.subarray(0, count), starts };
}

/** Copies n little-endian doubles from bytes[at..] to out[k..], bit for bit. */
function copyDoubles(bytes: Uint8Array, at: number, out: Float64Array, k: number, n: number): void {
  if (LITTLE_ENDIAN) {
    new Uint8Array(out.buffer, out.byteOffset + 8 * k, 8 * n).set(bytes.subarray(at, at + 8 * n));
    return;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8 * n);
  for (let i = 0; i < n; i++) out[k + i] = view.getFloat64(8 * i, true);
}
