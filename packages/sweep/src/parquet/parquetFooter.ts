import type { RowGroupMeta } from './encodeColumns.js';
import { CELL_COLUMNS, P, PARQUET_MAGIC, leafPath, physicalType, schemaElements, type ColumnSpec } from './schema.js';
import { ThriftWriter, T, type Field } from './thrift.js';

/** A row group placed in a file: its absolute byte offset and its (relative) metadata. */
export interface PlacedRowGroup {
  offset: number;
  meta: RowGroupMeta;
}

/** FileMetaData.created_by of the files we write. */
export const PARQUET_CREATED_BY = 'resnet-sweep';

/**
 * The end of a cells.parquet file whose row groups sit at the given offsets (in file order, after the
 * leading PARQUET_MAGIC): FileMetaData with absolute offsets, its 4-byte length, 'PAR1'. O(row groups).
 * `columns`: cellColumns(the grid's axis columns); default the base CELL_COLUMNS.
 */
export function parquetFooter(
  rowGroups: readonly PlacedRowGroup[],
  columns: readonly ColumnSpec[] = CELL_COLUMNS,
): Uint8Array {
  const SCHEMA = schemaElements(columns);
  const PATHS = columns.map(leafPath);
  const TYPES = columns.map((c) => physicalType(c.kind));
  let rows = 0;
  const groups = rowGroups.map(({ offset, meta }, ordinal): Field[] => {
    rows += meta.rows;
    const columns = meta.columns.map((c, j): Field[] => [
      [2, T.I64, offset + c.offset],
      [
        3,
        T.STRUCT,
        [
          [1, T.I32, TYPES[j]],
          [2, T.LIST, [T.I32, [P.PLAIN, P.RLE]]],
          [3, T.LIST, [T.BINARY, PATHS[j]]],
          [4, T.I32, P.UNCOMPRESSED],
          [5, T.I64, c.values],
          [6, T.I64, c.bytes],
          [7, T.I64, c.bytes],
          [9, T.I64, offset + c.offset],
        ],
      ],
    ]);
    return [
      [1, T.LIST, [T.STRUCT, columns]],
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
    [2, T.LIST, [T.STRUCT, SCHEMA]],
    [3, T.I64, rows],
    [4, T.LIST, [T.STRUCT, groups]],
    [6, T.BINARY, PARQUET_CREATED_BY],
  ]);
  const len = w.length;
  for (const b of [len & 0xff, (len >>> 8) & 0xff, (len >>> 16) & 0xff, (len >>> 24) & 0xff, ...PARQUET_MAGIC])
    w.byte(b);
  return w.result();
}
