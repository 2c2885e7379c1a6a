import { describe, expect, it } from 'vitest';
import { CELL_COLUMNS, PARQUET_MAGIC, parquetFooter } from '@resnet/sweep';
import type { RowGroupMeta } from '../../packages/sweep/src/parquet/encodeColumns.js';
import { PARQUET_CREATED_BY, type PlacedRowGroup } from '../../packages/sweep/src/parquet/parquetFooter.js';
import {
  P,
  cellColumns,
  leafPath,
  physicalType,
  schemaElements,
  type ColumnSpec,
} from '../../packages/sweep/src/parquet/schema.js';
import { T, ThriftWriter, type Field } from '../../packages/sweep/src/parquet/thrift.js';

// parquetFooter writes FileMetaData field by field; the reference is the same FileMetaData as nested fields through
// the generic compact-protocol writer (ThriftWriter.struct), as parquet-format's parquet.thrift declares it.
function reference(rowGroups: readonly PlacedRowGroup[], columns: readonly ColumnSpec[]): Uint8Array {
  let rows = 0;
  const groups = rowGroups.map(({ offset, meta }, ordinal): Field[] => {
    rows += meta.rows;
    const chunks = meta.columns.map((c, j): Field[] => [
      [2, T.I64, offset + c.offset],
      [
        3,
        T.STRUCT,
        [
          [1, T.I32, physicalType(columns[j]!.kind)],
          [2, T.LIST, [T.I32, [P.PLAIN, P.RLE]]],
          [3, T.LIST, [T.BINARY, leafPath(columns[j]!)]],
          [4, T.I32, P.UNCOMPRESSED],
          [5, T.I64, c.values],
          [6, T.I64, c.bytes],
          [7, T.I64, c.bytes],
          [9, T.I64, offset + c.offset],
        ],
      ],
    ]);
    return [
      [1, T.LIST, [T.STRUCT, chunks]],
      [2, T.I64, meta.bytes],
      [3, T.I64, meta.rows],
      [5, T.I64, offset],
      [6, T.I64, meta.bytes],
      [7, T.I16, ordinal < 0x8000 ? ordinal : undefined],
    ];
  });
  const w = new ThriftWriter();
  w.struct([
    [1, T.I32, 2],
    [2, T.LIST, [T.STRUCT, schemaElements(columns)]],
    [3, T.I64, rows],
    [4, T.LIST, [T.STRUCT, groups]],
    [6, T.BINARY, PARQUET_CREATED_BY],
  ]);
  const len = w.length;
  return Buffer.concat([
    w.result(),
    Buffer.from([len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, len >>> 24]),
    PARQUET_MAGIC,
  ]);
}

/** `count` row groups of `columns`, with sizes and offsets that vary (large ones too: multi-byte varints). */
function placed(count: number, columns: readonly ColumnSpec[]): PlacedRowGroup[] {
  let offset = 4;
  return Array.from({ length: count }, (_, g) => {
    let at = 0;
    const chunks = columns.map((_, j) => {
      const bytes = 17 + ((g * 131 + j * 977) % 100_000);
      const c = { offset: at, bytes, values: 1 + ((g + j) % 700) };
      at += bytes;
      return c;
    });
    const meta: RowGroupMeta = { rows: 1 + (g % 720), bytes: at, columns: chunks };
    const rg = { offset, meta };
    offset += at;
    return rg;
  });
}

describe('parquetFooter', () => {
  it.each([
    ['no row group', 0, CELL_COLUMNS],
    ['one row group', 1, CELL_COLUMNS],
    ['100 row groups (the README grid)', 100, CELL_COLUMNS],
    [
      'axis columns',
      20,
      cellColumns([
        { name: 'block', kind: 'string' },
        { name: 'sigmaW2', kind: 'double' },
      ]),
    ],
  ] as const)('%s: the bytes of the generic thrift encoding', (_, count, columns) => {
    const groups = placed(count, columns);
    expect(Buffer.from(parquetFooter(groups, columns)).equals(Buffer.from(reference(groups, columns)))).toBe(true);
  });

  it('leaves out the ordinal of row groups past 32,767 (an i16), as the generic encoding does', () => {
    const columns = CELL_COLUMNS.slice(0, 2);
    const groups = placed(0x8002, columns);
    expect(Buffer.from(parquetFooter(groups, columns)).equals(Buffer.from(reference(groups, columns)))).toBe(true);
  });
});
