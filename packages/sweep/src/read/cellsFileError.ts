import type { ErrorKind } from '@resnet/core';
import { SweepError } from '../errors.js';

/** A cells file (cells.parquet or cells.jsonl) is missing, damaged or not as resnet writes it; names the file and the place. */
export class CellsFileError extends SweepError {
  override name = 'CellsFileError';
  /** A damaged or foreign folder: rerun the sweep (or restore the file). */
  override readonly kind: ErrorKind = 'state';
  constructor(
    /** Path (or name) of the file. */
    readonly file: string,
    /** Where in the file, e.g. `line 12` or `row group 3`, when known. */
    readonly where: string | undefined,
    /** What is wrong. */
    readonly fault: string,
  ) {
    super(
      `${file}${where ? ` ${where}` : ''}: ${fault}. Files written by \`resnet sweep\` are described in docs/sweep-format.md; rerun the sweep into a new folder if the file was damaged.`,
    );
  }
}
