import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import { T, type Field } from './thrift.js';

/** The 4 leading (and trailing) bytes of every Parquet file: 'PAR1'. */
export const PARQUET_MAGIC: Uint8Array = Uint8Array.of(0x50, 0x41, 0x52, 0x31);

/** Parquet physical types and enums we use (parquet.thrift). */
export const P = {
  BOOLEAN: 0,
  INT32: 1,
  INT64: 2,
  DOUBLE: 5,
  BYTE_ARRAY: 6,
  REQUIRED: 0,
  REPEATED: 2,
  UTF8: 0,
  LIST: 3,
  PLAIN: 0,
  RLE: 3,
  UNCOMPRESSED: 0,
  DATA_PAGE: 0,
  DATA_PAGE_V2: 3,
} as const;

/** How a leaf column's values are stored. */
export type ColumnKind = 'string' | 'int32' | 'int64' | 'double' | 'list' | 'boolean';

/** One column of cells.parquet, in file order. */
export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
}

/** The columns of cells.parquet in order (docs/sweep-format.md): identity, CELL_SCALARS, CELL_ARRAYS, nonFinite. */
export const CELL_COLUMNS: readonly ColumnSpec[] = [
  { name: 'arch', kind: 'string' },
  { name: 'depth', kind: 'int32' },
  { name: 'seed', kind: 'int64' },
  { name: 'width', kind: 'int32' },
  { name: 'inputSize', kind: 'int32' },
  ...CELL_SCALARS.map((name) => ({ name, kind: 'double' as const })),
  ...CELL_ARRAYS.map((name) => ({ name, kind: 'list' as const })),
  { name: 'nonFinite', kind: 'string' },
];

/** Physical type of a column's leaf values. */
export function physicalType(kind: ColumnKind): number {
  return kind === 'string'
    ? P.BYTE_ARRAY
    : kind === 'int32'
      ? P.INT32
      : kind === 'int64'
        ? P.INT64
        : kind === 'boolean'
          ? P.BOOLEAN
          : P.DOUBLE;
}

/** A column's leaf path: [name] or, for a LIST, [name, 'list', 'element']. */
export function leafPath(c: ColumnSpec): string[] {
  return c.kind === 'list' ? [c.name, 'list', 'element'] : [c.name];
}

/** The columns of a cells.parquet with these extra (axis) columns: CELL_COLUMNS, then the extras. */
export function cellColumns(extra: readonly ColumnSpec[] = []): readonly ColumnSpec[] {
  return extra.length ? [...CELL_COLUMNS, ...extra.map((c) => ({ name: c.name, kind: c.kind }))] : CELL_COLUMNS;
}

/** FileMetaData.schema: the root, then each column (a LIST as the standard 3-level group). */
export function schemaElements(columns: readonly ColumnSpec[] = CELL_COLUMNS): Field[][] {
  const el = (
    name: string,
    o: { type?: number; rep?: number; children?: number; converted?: number; logical?: Field[] },
  ): Field[] => [
    [1, T.I32, o.type],
    [3, T.I32, o.rep],
    [4, T.BINARY, name],
    [5, T.I32, o.children],
    [6, T.I32, o.converted],
    [10, T.STRUCT, o.logical],
  ];
  const out: Field[][] = [el('schema', { children: columns.length })];
  for (const c of columns) {
    if (c.kind === 'list') {
      out.push(el(c.name, { rep: P.REQUIRED, children: 1, converted: P.LIST, logical: [[3, T.STRUCT, []]] }));
      out.push(el('list', { rep: P.REPEATED, children: 1 }));
      out.push(el('element', { type: P.DOUBLE, rep: P.REQUIRED }));
    } else if (c.kind === 'string') {
      out.push(el(c.name, { type: P.BYTE_ARRAY, rep: P.REQUIRED, converted: P.UTF8, logical: [[1, T.STRUCT, []]] }));
    } else {
      out.push(el(c.name, { type: physicalType(c.kind), rep: P.REQUIRED }));
    }
  }
  return out;
}
