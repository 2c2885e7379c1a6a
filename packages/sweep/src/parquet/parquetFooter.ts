import type { RowGroupMeta } from './encodeColumns.js';
import { CELL_COLUMNS, P, PARQUET_MAGIC, leafPath, physicalType, schemaElements, type ColumnSpec } from './schema.js';
import { ThriftWriter, T } from './thrift.js';

/** A row group placed in a file: its absolute byte offset and its (relative) metadata. */
export interface PlacedRowGroup {
  offset: number;
  meta: RowGroupMeta;
}

/** FileMetaData.created_by of the files we write. */
export const PARQUET_CREATED_BY = 'resnet-sweep';

/** A compact-protocol field header: the id's delta from the previous field (1 to 15) and the wire type. */
const field = (delta: number, type: number) => (delta << 4) | type;

/**
 * The end of a cells.parquet file whose row groups sit at the given offsets (in file order, after the
 * leading PARQUET_MAGIC): FileMetaData with absolute offsets, its 4-byte length, 'PAR1'. O(row groups).
 * `columns`: cellColumns(the grid's axis columns); default the base CELL_COLUMNS. Written field by field
 * (the generic ThriftWriter.struct of the same fields gives the same bytes; tests/sweep/parquet.test.ts): a
 * column's constant fields are encoded once, then each chunk adds its numbers, so a footer of many row groups
 * is a few varints each (it is written after the last unit, while the user waits).
 */
export function parquetFooter(
  rowGroups: readonly PlacedRowGroup[],
  columns: readonly ColumnSpec[] = CELL_COLUMNS,
): Uint8Array {
  // ColumnMetaData fields 1-4 of each column (type, encodings, path, codec): the same in every row group.
  const prefixes = columns.map((c) => {
    const p = new ThriftWriter();
    p.struct([
      [1, T.I32, physicalType(c.kind)],
      [2, T.LIST, [T.I32, [P.PLAIN, P.RLE]]],
      [3, T.LIST, [T.BINARY, leafPath(c)]],
      [4, T.I32, P.UNCOMPRESSED],
    ]);
    return p.bytes.slice(0, p.length - 1); // without the stop byte: fields 5 on follow
  });
  let rows = 0;
  for (const g of rowGroups) rows += g.meta.rows;
  const w = new ThriftWriter();
  // FileMetaData: 1 version, 2 schema, 3 num_rows, 4 row_groups, 6 created_by.
  w.byte(field(1, T.I32));
  w.int(2);
  const schema = schemaElements(columns);
  w.byte(field(1, T.LIST));
  w.listHeader(T.STRUCT, schema.length);
  for (const s of schema) w.struct(s);
  w.byte(field(1, T.I64));
  w.int(rows);
  w.byte(field(1, T.LIST));
  w.listHeader(T.STRUCT, rowGroups.length);
  rowGroups.forEach(({ offset, meta }, ordinal) => {
    // RowGroup: 1 columns, 2 total_byte_size, 3 num_rows, 5 file_offset, 6 total_compressed_size, 7 ordinal.
    w.byte(field(1, T.LIST));
    w.listHeader(T.STRUCT, meta.columns.length);
    meta.columns.forEach((c, j) => {
      // ColumnChunk: 2 file_offset, 3 meta_data (ColumnMetaData: 1-4 above, 5 num_values,
      // 6 total_uncompressed_size, 7 total_compressed_size, 9 data_page_offset).
      w.byte(field(2, T.I64));
      w.int(offset + c.offset);
      w.byte(field(1, T.STRUCT));
      w.raw(prefixes[j]!);
      w.byte(field(1, T.I64));
      w.int(c.values);
      w.byte(field(1, T.I64));
      w.int(c.bytes);
      w.byte(field(1, T.I64));
      w.int(c.bytes);
      w.byte(field(2, T.I64));
      w.int(offset + c.offset);
      w.byte(0);
      w.byte(0);
    });
    w.byte(field(1, T.I64));
    w.int(meta.bytes);
    w.byte(field(1, T.I64));
    w.int(meta.rows);
    w.byte(field(2, T.I64));
    w.int(offset);
    w.byte(field(1, T.I64));
    w.int(meta.bytes);
    if (ordinal < 0x8000) {
      w.byte(field(1, T.I16));
      w.int(ordinal);
    }
    w.byte(0);
  });
  w.byte(field(2, T.BINARY));
  w.text(PARQUET_CREATED_BY);
  w.byte(0);
  const len = w.length;
  for (const b of [len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, (len >>> 24) & 0xff, ...PARQUET_MAGIC])
    w.byte(b);
  return w.result();
}
