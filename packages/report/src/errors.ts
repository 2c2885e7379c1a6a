import type { ErrorKind } from '@resnet/core';

/**
 * Base class of every error @resnet/report throws; names the file (when one is involved) and what to do.
 * Its kind defaults to `state`: a sweep folder that is missing, unfinished or malformed is a fault of
 * what is on disk, not of the flags (rerun the sweep). Render faults (a damaged font install) pass `failure`.
 */
export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    message: string,
    /** Path of the file that is missing or malformed, when the error is about one. */
    readonly file?: string,
    /** 1-based line in that file, when known. */
    readonly line?: number,
    /** What kind of fault this is (see ErrorKind in @resnet/core). */
    readonly kind: ErrorKind = 'state',
  ) {
    super(message);
  }
}

/** Every option name of ReportOptions, plus `options` for the object itself: what ReportOptionsError names. */
export type ReportOptionName =
  | 'options'
  | 'title'
  | 'html'
  | 'figuresDir'
  | 'formats'
  | 'ppi'
  | 'scale'
  | 'depth'
  | 'interactive'
  | 'command'
  | 'signal';

/** A report option is out of range (kind `usage`); names the option, what was given and what is accepted. */
export class ReportOptionsError extends ReportError {
  override name = 'ReportOptionsError';
  constructor(
    /** Name of the offending option, e.g. `formats` or `depth` (the CLI maps it to its flag, e.g. `--depth`). */
    readonly option: ReportOptionName,
    /** The value that was given. */
    readonly received: unknown,
    /** What is accepted, in words. */
    readonly expected: string,
    hint?: string,
  ) {
    super(
      `report option ${option} must be ${expected}; got ${describe(received)}.${hint ? ` ${hint}` : ''}`,
      undefined,
      undefined,
      'usage',
    );
  }
}

/** The report was stopped through options.signal (kind `interrupted`); figures already written are whole, nothing is half-written. */
export class ReportInterruptedError extends ReportError {
  override name = 'ReportInterruptedError';
  constructor(
    /** What had been written when it stopped. */
    readonly written: readonly string[],
  ) {
    super(
      `The report was interrupted after ${written.length} file${written.length === 1 ? '' : 's'}; no file is half-written. Run the report again to finish it.`,
      undefined,
      undefined,
      'interrupted',
    );
  }
}

/** Renders a value for an error message: strings quoted, numbers as written, others by type. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}
