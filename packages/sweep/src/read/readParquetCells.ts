import { open } from 'node:fs/promises';
import { CELL_ARRAYS, CELL_SCALARS, type Arch } from '@resnet/core';
import { DecodeError, decodeRowGroup, type DecodedRowGroup } from '../parquet/decodeRowGroup.js';
import { readParquetFooter } from '../parquet/readParquetFooter.js';
import { CellsFileError } from './cellsFileError.js';
import { arrayLengths, isInt, type CellRow, type OnCell, type ReadCellsOptions, type ReadCellsResult } from './cellRow.js';

/**
 * Streams the cells of a cells.parquet file to onCell, one row group at a time (memory: one row group,
 * plus what onCell keeps). Throws CellsFileError naming the file and row group on any fault.
 */
export async function readParquetCells(file: string, onCell: OnCell, options: ReadCellsOptions = {}): Promise<ReadCellsResult> {
  const arraysFor = options.arraysFor ?? (() => true);
  const fh = await open(file, 'r');
  try {
    const info = readParquetFooter(fh.fd, file);
    let buffer = new Uint8Array(0);
    let index = 0;
    for (const [g, { offset, meta }] of info.rowGroups.entries()) {
      const where = `row group ${g}`;
      if (buffer.length < meta.bytes) buffer = new Uint8Array(Math.max(meta.bytes, 2 * buffer.length));
      const bytes = buffer.subarray(0, meta.bytes);
      const { bytesRead } = await fh.read(bytes, 0, meta.bytes, offset);
      if (bytesRead !== meta.bytes) throw new CellsFileError(file, where, `the file ends inside this row group`);
      // Scalars first: which rows want their arrays decides whether the list columns are decoded at all.
      let d: DecodedRowGroup;
      try {
        d = decodeRowGroup(bytes, meta, false);
      } catch (e) {
        if (e instanceof DecodeError) throw new CellsFileError(file, where, e.message);
        throw e;
      }
      const arch = d.strings.arch!;
      const depth = d.numbers.depth!;
      const want = new Uint8Array(meta.rows);
      let any = false;
      for (let i = 0; i < meta.rows; i++) {
        const lengths = arrayLengths(arch[i], depth[i]);
        if (typeof lengths === 'string') throw new CellsFileError(file, `${where} row ${i}`, lengths);
        if (arraysFor(arch[i] as Arch, depth[i]!)) {
          want[i] = 1;
          any = true;
        }
      }
      const lists = any ? decodeRowGroup(bytes, meta, true).lists! : null;
      for (let i = 0; i < meta.rows; i++) onCell(row(d, lists, i, want[i] === 1, file, where), index++);
    }
    return { file, format: 'parquet', cells: index };
  } finally {
    await fh.close();
  }
}

function row(d: DecodedRowGroup, lists: DecodedRowGroup['lists'], i: number, arrays: boolean, file: string, where: string): CellRow {
  const n = d.numbers;
  const cell: Record<string, unknown> = {
    arch: d.strings.arch![i],
    depth: n.depth![i],
    seed: n.seed![i],
    width: n.width![i],
    inputSize: n.inputSize![i],
  };
  if (!isInt(cell.seed, 0) || !isInt(cell.width, 1) || !isInt(cell.inputSize, 1)) {
    throw new CellsFileError(file, `${where} row ${i}`, `seed ${String(cell.seed)}, width ${String(cell.width)}, inputSize ${String(cell.inputSize)}: expected integers >= 0, 1, 1`);
  }
  for (const k of CELL_SCALARS) cell[k] = n[k]![i];
  const lengths = arrayLengths(cell.arch, cell.depth) as readonly number[];
  CELL_ARRAYS.forEach((k, a) => {
    if (!arrays || !lists) {
      cell[k] = [];
      return;
    }
    const l = lists[k]!;
    const from = l.starts[i]!;
    const to = l.starts[i + 1]!;
    if (to - from !== lengths[a]) {
      throw new CellsFileError(file, `${where} row ${i}`, `${k} has ${to - from} values; a ${String(cell.arch)} net of depth ${String(cell.depth)} has ${lengths[a]}`);
    }
    cell[k] = Array.from(l.values.subarray(from, to));
  });
  cell.nonFinite = d.strings.nonFinite![i];
  return cell as unknown as CellRow;
}
