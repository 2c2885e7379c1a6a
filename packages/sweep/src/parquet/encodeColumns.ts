import type { ColumnChunkMeta, EncodedRowGroup } from './encodeRowGroup.js';
import { levelBound, writeListLevels } from './levels.js';
import { P, type ColumnSpec } from './schema.js';
import { ThriftWriter, T } from './thrift.js';

/** One column's values, one per row: strings, numbers (int32, int64, double), booleans, or lists of doubles. */
export type ColumnValues =
  | ReadonlyArray<string>
  | ArrayLike<number>
  | ReadonlyArray<boolean>
  | ReadonlyArray<ArrayLike<number>>;

const encoder = new TextEncoder();

/**
 * Encodes rows given column by column as one Parquet row group, as encodeRowGroup writes cells
 * (uncompressed PLAIN data pages v1, one page per column, every column required; a `list` column is
 * the standard 3-level LIST of doubles). Any flat table: parquetFooter(placed, columns) closes the file.
 */
export function encodeColumns(
  columns: readonly ColumnSpec[],
  values: Readonly<Record<string, ColumnValues>>,
  rows: number,
): EncodedRowGroup {
  const bodies = columns.map((c) => {
    const v = values[c.name];
    if (!v || v.length !== rows)
      throw new RangeError(`encodeColumns: column ${c.name} has ${v?.length ?? 'no'} values for ${rows} rows`);
    return columnBody(c, v, rows);
  });
  const pages = bodies.map(({ body, count }) => {
    const header = new ThriftWriter();
    header.struct([
      [1, T.I32, P.DATA_PAGE],
      [2, T.I32, body.length],
      [3, T.I32, body.length],
      [
        5,
        T.STRUCT,
        [
          [1, T.I32, count],
          [2, T.I32, P.PLAIN],
          [3, T.I32, P.RLE],
          [4, T.I32, P.RLE],
        ],
      ],
    ]);
    return { header: header.result(), body, count };
  });
  const total = pages.reduce((a, p) => a + p.header.length + p.body.length, 0);
  const out = new Uint8Array(total);
  const meta: ColumnChunkMeta[] = [];
  let pos = 0;
  for (const p of pages) {
    const start = pos;
    out.set(p.header, pos);
    pos += p.header.length;
    out.set(p.body, pos);
    pos += p.body.length;
    meta.push({ offset: start, bytes: pos - start, values: p.count });
  }
  return { bytes: out, meta: { rows, bytes: total, columns: meta } };
}

/** A column's page body (levels for lists, then PLAIN values) and its value count (levels of a list). */
function columnBody(c: ColumnSpec, v: ColumnValues, rows: number): { body: Uint8Array; count: number } {
  switch (c.kind) {
    case 'string': {
      const texts = (v as ReadonlyArray<string>).map((s) => encoder.encode(String(s)));
      const body = new Uint8Array(texts.reduce((a, t) => a + 4 + t.length, 0));
      const view = new DataView(body.buffer);
      let pos = 0;
      for (const t of texts) {
        view.setUint32(pos, t.length, true);
        body.set(t, pos + 4);
        pos += 4 + t.length;
      }
      return { body, count: rows };
    }
    case 'int32':
    case 'int64':
    case 'double': {
      const width = c.kind === 'int32' ? 4 : 8;
      const body = new Uint8Array(width * rows);
      const view = new DataView(body.buffer);
      const nums = v as ArrayLike<number>;
      for (let i = 0; i < rows; i++) {
        const x = nums[i]!;
        if (c.kind !== 'double' && !Number.isSafeInteger(x))
          throw new RangeError(`encodeColumns: column ${c.name} row ${i} is ${x}, not an integer`);
        if (c.kind === 'int32') view.setInt32(4 * i, x, true);
        else if (c.kind === 'int64') view.setBigInt64(8 * i, BigInt(x), true);
        else view.setFloat64(8 * i, x, true);
      }
      return { body, count: rows };
    }
    case 'boolean': {
      const body = new Uint8Array(Math.ceil(rows / 8));
      const flags = v as ReadonlyArray<boolean>;
      for (let i = 0; i < rows; i++) if (flags[i]) body[i >> 3]! |= 1 << (i & 7);
      return { body, count: rows };
    }
    case 'list': {
      const lists = v as ReadonlyArray<ArrayLike<number>>;
      const lengths = lists.map((l) => l.length);
      const scratch = new Uint8Array(levelBound(rows));
      const w = writeListLevels(lengths, scratch, 0);
      const valueCount = lengths.reduce((a, n) => a + n, 0);
      const body = new Uint8Array(w.end + 8 * valueCount);
      body.set(scratch.subarray(0, w.end));
      const view = new DataView(body.buffer);
      let pos = w.end;
      for (const l of lists) for (let j = 0; j < l.length; j++, pos += 8) view.setFloat64(pos, l[j]!, true);
      return { body, count: w.levels };
    }
  }
}
