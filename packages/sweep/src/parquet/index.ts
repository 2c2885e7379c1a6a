export { encodeRowGroup, type RowGroupInput } from './encodeRowGroup.js';
export { parquetFooter, PARQUET_CREATED_BY, type PlacedRowGroup } from './parquetFooter.js';
export { readParquetFooter, type ParquetFileInfo } from './readParquetFooter.js';
export { nonFiniteText } from './nonFinite.js';
export { PARQUET_MAGIC, CELL_COLUMNS, cellColumns, type ColumnSpec } from './schema.js';
export {
  encodeColumns,
  type ColumnValues,
  type Gathered,
  type RowGroupMeta,
  type ColumnChunkMeta,
  type EncodedRowGroup,
} from './encodeColumns.js';
export { schemaColumns } from './schemaColumns.js';
export { decodeRowGroup, type DecodedRowGroup, type DecodedList } from './decodeRowGroup.js';
