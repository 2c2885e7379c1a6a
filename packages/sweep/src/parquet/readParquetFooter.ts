import { fstatSync, readSync } from 'node:fs';
import { CellsFileError } from '../errors.js';
import { CELLS_PARQUET } from '../folder/names.js';
import type { ColumnChunkMeta, RowGroupMeta } from './encodeColumns.js';
import type { PlacedRowGroup } from './parquetFooter.js';
import { AXIS_COLUMN_NAMES } from '../axisColumns.js';
import {
  CELL_COLUMNS,
  PARQUET_MAGIC,
  P,
  cellColumns,
  leafPath,
  physicalType,
  schemaElements,
  type ColumnSpec,
} from './schema.js';
import { ThriftReader, type ThriftStruct } from './thrift.js';

/** What readParquetFooter finds in a cells.parquet file. */
export interface ParquetFileInfo {
  /** Cells (rows) in the file. */
  rows: number;
  /** File size in bytes. */
  size: number;
  /** Where the FileMetaData starts: the row groups occupy [4, dataEnd). */
  dataEnd: number;
  /** Row groups in file order, absolute offsets (parquetFooter's input: concatenating files = shifting offsets). */
  rowGroups: PlacedRowGroup[];
  /** The file's columns: CELL_COLUMNS, then the axis columns of a grid with non-default axes. */
  columns: readonly ColumnSpec[];
}

const decoder = new TextDecoder();
const expected = (columns: readonly ColumnSpec[]) =>
  schemaElements(columns).map(
    (fields) =>
      new Map(fields.filter(([id, , v]) => v !== undefined && id !== 10 && id !== 6).map(([id, , v]) => [id, v])),
  );
const BASE = expected(CELL_COLUMNS);

function readAt(fd: number, position: number, length: number): Uint8Array {
  const b = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, b, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return got === length ? b : b.subarray(0, got);
}

/**
 * Reads and checks the footer of a cells.parquet file (an open fd, or the whole file's bytes): the schema
 * must be the one encodeRowGroup writes (uncompressed PLAIN pages, one chunk after the other).
 * Throws CellsFileError naming `name` and the fault.
 */
export function readParquetFooter(
  source: number | Uint8Array,
  name = CELLS_PARQUET,
  /** The columns a schema must hold (other files than cells, e.g. runs.parquet); default the cells' columns. */
  columnsOf?: (schema: ThriftStruct[], fail: (fault: string) => never) => readonly ColumnSpec[],
): ParquetFileInfo {
  const fail = (fault: string): never => {
    throw new CellsFileError(name, 'footer', fault);
  };
  const size = typeof source === 'number' ? fstatSync(source).size : source.length;
  const at = (pos: number, len: number) =>
    typeof source === 'number' ? readAt(source, pos, len) : source.subarray(pos, pos + len);
  if (size < 12) fail(`is ${size} bytes long, too short for a Parquet file`);
  const head = at(0, 4);
  const tail = at(size - 8, 8);
  if (!PARQUET_MAGIC.every((b, i) => head[i] === b && tail[4 + i] === b))
    fail('does not start and end with "PAR1"; it is not a Parquet file or it was cut short');
  const len = tail[0]! | (tail[1]! << 8) | (tail[2]! << 16) | (tail[3]! * 0x1000000);
  const dataEnd = size - 8 - len;
  if (dataEnd < 4) fail(`says its metadata is ${len} bytes long, more than the file holds`);
  let meta: ThriftStruct;
  try {
    meta = new ThriftReader(at(dataEnd, len)).struct();
  } catch (e) {
    return fail(`its metadata cannot be decoded (${(e as Error).message})`);
  }
  // 1. The schema: exactly ours, with any axis columns (flat strings or doubles of known names) after the base ones.
  const schema = (meta.get(2) ?? []) as ThriftStruct[];
  const COLUMNS = columnsOf ? columnsOf(schema, fail) : cellColumns(axisColumnsOf(schema.slice(BASE.length), fail));
  const EXPECTED = COLUMNS === CELL_COLUMNS ? BASE : expected(COLUMNS);
  if (schema.length !== EXPECTED.length)
    fail(`has ${schema.length} schema elements, not the ${EXPECTED.length} of a cells file`);
  schema.forEach((el, i) => {
    for (const [id, want] of EXPECTED[i]!) {
      let got = el.get(id);
      if (got instanceof Uint8Array) got = decoder.decode(got);
      if (got !== want)
        fail(
          `schema element ${i} has field ${id} = ${String(got)}, not ${String(want)} (columns must be ${COLUMNS.map((c) => c.name).join(', ')})`,
        );
    }
  });
  // 2. Row groups: relative column offsets, chunks back to back.
  const rowGroups: PlacedRowGroup[] = [];
  let rows = 0;
  let next = 4;
  for (const [g, rg] of ((meta.get(4) ?? []) as ThriftStruct[]).entries()) {
    const where = `row group ${g}`;
    const chunks = (rg.get(1) ?? []) as ThriftStruct[];
    if (chunks.length !== COLUMNS.length) fail(`${where} has ${chunks.length} columns, not ${COLUMNS.length}`);
    const columns: ColumnChunkMeta[] = [];
    let offset = -1;
    let end = 0;
    chunks.forEach((chunk, j) => {
      const cm = chunk.get(3) as ThriftStruct | undefined;
      if (!cm) throw fail(`${where} column ${j} has no metadata`);
      const path = ((cm.get(3) ?? []) as Uint8Array[]).map((b) => decoder.decode(b)).join('.');
      if (path !== leafPath(COLUMNS[j]!).join('.'))
        fail(`${where} column ${j} is "${path}", not "${leafPath(COLUMNS[j]!).join('.')}"`);
      if (cm.get(1) !== physicalType(COLUMNS[j]!.kind))
        fail(`${where} column ${path} has physical type ${String(cm.get(1))}`);
      if (cm.get(4) !== P.UNCOMPRESSED)
        fail(`${where} column ${path} is compressed (codec ${String(cm.get(4))}); only uncompressed pages are read`);
      if (cm.has(11)) fail(`${where} column ${path} has a dictionary page; only PLAIN pages are read`);
      const start = cm.get(9) as number;
      const bytes = cm.get(7) as number;
      if (offset < 0) offset = end = start;
      if (start !== end)
        fail(`${where} column ${path} starts at byte ${start}, not right after the previous column (${end})`);
      columns.push({ offset: start - offset, bytes, values: cm.get(5) as number });
      end = start + bytes;
    });
    if (offset < next || end > dataEnd)
      fail(
        `${where} spans bytes ${offset}..${end}, outside the data area ${next}..${dataEnd} or overlapping the previous row group`,
      );
    const groupMeta: RowGroupMeta = { rows: rg.get(3) as number, bytes: end - offset, columns };
    rows += groupMeta.rows;
    rowGroups.push({ offset, meta: groupMeta });
    next = end;
  }
  if (meta.get(3) !== rows) fail(`says it holds ${String(meta.get(3))} rows but its row groups hold ${rows}`);
  return { rows, size, dataEnd, rowGroups, columns: COLUMNS };
}

/** The axis columns a schema lists after the base elements: known names, flat BYTE_ARRAY (strings) or DOUBLE. */
function axisColumnsOf(extra: ThriftStruct[], fail: (fault: string) => never): ColumnSpec[] {
  return extra.map((el) => {
    const raw = el.get(4);
    const name = raw instanceof Uint8Array ? decoder.decode(raw) : String(raw);
    if (!AXIS_COLUMN_NAMES.includes(name))
      fail(`has a column "${name}" after the cells' columns; axis columns are ${AXIS_COLUMN_NAMES.join(', ')}`);
    const type = el.get(1);
    if (type !== P.BYTE_ARRAY && type !== P.DOUBLE)
      fail(`column ${name} has physical type ${String(type)}; axis columns are strings or doubles`);
    return { name, kind: type === P.BYTE_ARRAY ? 'string' : 'double' };
  });
}
