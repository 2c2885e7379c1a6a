import { open } from 'node:fs/promises';
import { CELL_ARRAYS, type Arch } from '@resnet/core';
import { DecodeError, decodeRowGroup, type DecodedRowGroup } from '../parquet/decodeRowGroup.js';
import { readParquetFooter } from '../parquet/readParquetFooter.js';
import { CELL_COLUMNS } from '../parquet/schema.js';
import { appliesNot } from './appliesNot.js';
import { CellsFileError } from '../errors.js';
import { StreamedCrc, checkAgainstManifest } from './fileCheck.js';
import { NO_VALUES, arrayLengths, isInt } from './cellRow.js';
import type { CellRow, CellsReader } from './cellRow.js';

/**
 * Streams the cells of a cells.parquet file to onCell, one row group at a time (memory: one row group,
 * plus what onCell keeps). Throws CellsFileError naming the file and row group on any fault.
 */
export const readParquetCells: CellsReader = async (file, onCell, options = {}) => {
  const arraysFor = options.arraysFor ?? (() => true);
  const fh = await open(file, 'r');
  try {
    const { expect } = options;
    const size = (await fh.stat()).size;
    const fail = (fault: string) => new CellsFileError(file, undefined, fault);
    if (expect) checkAgainstManifest(size, null, expect, fail);
    const sum = expect ? new StreamedCrc(fh.fd, size) : null;
    const info = readParquetFooter(fh.fd, file);
    let buffer = new Uint8Array(0);
    let index = 0;
    for (const [g, { offset, meta }] of info.rowGroups.entries()) {
      const where = `row group ${g}`;
      if (buffer.length < meta.bytes) buffer = new Uint8Array(Math.max(meta.bytes, 2 * buffer.length));
      const bytes = buffer.subarray(0, meta.bytes);
      const { bytesRead } = await fh.read(bytes, 0, meta.bytes, offset);
      if (bytesRead !== meta.bytes) throw new CellsFileError(file, where, `the file ends inside this row group`);
      sum?.add(offset, bytes);
      // Scalars first: which rows want their arrays decides whether the list columns are decoded at all.
      let d: DecodedRowGroup;
      try {
        d = decodeRowGroup(bytes, meta, false, info.columns);
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
      const axes = info.columns.slice(CELL_COLUMNS.length);
      for (let i = 0; i < meta.rows; i++) {
        const cell = row(d, lists, i, want[i] === 1, file, where);
        // An axis that does not apply to the cell's net (a plain net's residual-only axis) is stored as '' or NaN: no value.
        // Elsewhere NaN is a value: a per-position expression's (its text is in <axis>Expr).
        for (const c of axes) {
          if (appliesNot(cell.arch, c.name)) continue;
          (cell as unknown as Record<string, unknown>)[c.name] =
            c.kind === 'string' ? d.strings[c.name]![i] : d.numbers[c.name]![i];
        }
        onCell(cell, index++);
      }
    }
    if (expect) checkAgainstManifest(size, sum!.finish(), expect, fail);
    return { file, format: 'parquet', cells: index };
  } finally {
    await fh.close();
  }
};

function row(
  d: DecodedRowGroup,
  lists: DecodedRowGroup['lists'],
  i: number,
  arrays: boolean,
  file: string,
  where: string,
): CellRow {
  const n = d.numbers;
  const cell: CellRow = {
    arch: d.strings.arch![i] as Arch,
    depth: n.depth![i]!,
    seed: n.seed![i]!,
    width: n.width![i]!,
    inputSize: n.inputSize![i]!,
    xNorm: n.xNorm![i]!,
    ratio: n.ratio![i]!,
    ratioEps: n.ratioEps![i]!,
    inputGradNorm: n.inputGradNorm![i]!,
    gradNorms: NO_VALUES,
    layerGradNorms: NO_VALUES,
    actNorms: NO_VALUES,
    signalNorms: NO_VALUES,
    nonFinite: d.strings.nonFinite![i]!,
  };
  if (!isInt(cell.seed, 0) || cell.width < 1 || cell.inputSize < 1) {
    throw new CellsFileError(
      file,
      `${where} row ${i}`,
      `seed ${cell.seed}, width ${cell.width}, inputSize ${cell.inputSize}: expected integers >= 0, 1, 1`,
    );
  }
  if (!arrays || !lists) return cell;
  const lengths = arrayLengths(cell.arch, cell.depth) as readonly number[];
  for (let a = 0; a < CELL_ARRAYS.length; a++) {
    const k = CELL_ARRAYS[a]!;
    const l = lists[k]!;
    const from = l.starts[i]!;
    const to = l.starts[i + 1]!;
    if (to - from !== lengths[a]) {
      throw new CellsFileError(
        file,
        `${where} row ${i}`,
        `${k} has ${to - from} values; a ${cell.arch} net of depth ${cell.depth} has ${lengths[a]}`,
      );
    }
    // push builds a packed double array, several times faster than Array.from(subarray).
    const out: number[] = [];
    const values = l.values;
    for (let j = from; j < to; j++) out.push(values[j]!);
    cell[k] = out;
  }
  return cell;
}
