import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CellsFileError } from './cellsFileError.js';
import type { OnCell, ReadCellsOptions, ReadCellsResult } from './cellRow.js';
import { readJsonlCells } from './readJsonlCells.js';
import { readParquetCells } from './readParquetCells.js';

/** File names of the two cell formats in a sweep folder. */
export const CELLS_FILES = { parquet: 'cells.parquet', jsonl: 'cells.jsonl' } as const;

const exists = (path: string) => stat(path).then((s) => s.isFile(), () => false);

/**
 * Streams every cell of a sweep folder to onCell in file (canonical) order: cells.parquet when the folder
 * has it, else cells.jsonl (or options.format). Memory is bounded by a row group or a line, plus what
 * onCell keeps. Throws CellsFileError (kind 'state') when the file is missing or damaged.
 */
export async function readCells(dir: string, onCell: OnCell, options: ReadCellsOptions = {}): Promise<ReadCellsResult> {
  const parquet = join(dir, CELLS_FILES.parquet);
  const jsonl = join(dir, CELLS_FILES.jsonl);
  const format = options.format ?? ((await exists(parquet)) ? 'parquet' : (await exists(jsonl)) ? 'jsonl' : null);
  if (format === null) throw new CellsFileError(dir, undefined, `holds neither ${CELLS_FILES.parquet} nor ${CELLS_FILES.jsonl}`);
  const file = format === 'parquet' ? parquet : jsonl;
  if (options.format && !(await exists(file))) throw new CellsFileError(file, undefined, 'does not exist');
  return format === 'parquet' ? readParquetCells(file, onCell, options) : readJsonlCells(file, onCell, options);
}
