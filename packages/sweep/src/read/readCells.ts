import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { CELL_FILES } from '../folder/names.js';
import { CellsFileError } from '../errors.js';
import type { OnCell, ReadCellsOptions, ReadCellsResult } from './cellRow.js';
import { readJsonlCells } from './readJsonlCells.js';
import { readParquetCells } from './readParquetCells.js';

const exists = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** The cells file readCells reads in a folder: cells.parquet when there is one, else cells.jsonl; null when neither exists. */
export async function cellsFile(
  dir: string,
  format?: 'parquet' | 'jsonl',
): Promise<{ file: string; format: 'parquet' | 'jsonl' } | null> {
  for (const f of format ? [format] : (['parquet', 'jsonl'] as const)) {
    const file = join(dir, CELL_FILES[f]);
    if (await exists(file)) return { file, format: f };
  }
  return null;
}

/**
 * Streams every cell of a sweep folder to onCell in file (canonical) order: cells.parquet when the folder
 * has it, else cells.jsonl (or options.format). Memory is bounded by a row group or a line, plus what
 * onCell keeps. Throws CellsFileError (kind 'state') when the file is missing or damaged.
 */
export async function readCells(dir: string, onCell: OnCell, options: ReadCellsOptions = {}): Promise<ReadCellsResult> {
  const found = await cellsFile(dir, options.format);
  if (!found) {
    throw new CellsFileError(
      options.format ? join(dir, CELL_FILES[options.format]) : dir,
      undefined,
      options.format ? 'does not exist' : `holds neither ${CELL_FILES.parquet} nor ${CELL_FILES.jsonl}`,
    );
  }
  return found.format === 'parquet'
    ? readParquetCells(found.file, onCell, options)
    : readJsonlCells(found.file, onCell, options);
}
