/** Base class of every error @resnet/report throws; names the file (when one is involved) and what to do. */
export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    message: string,
    /** Path of the file that is missing or malformed, when the error is about one. */
    readonly file?: string,
    /** 1-based line in that file, when known. */
    readonly line?: number,
  ) {
    super(message);
  }
}

/** A report option is out of range; names the option, what was given and what is accepted. */
export class ReportOptionsError extends ReportError {
  override name = 'ReportOptionsError';
  constructor(
    /** Name of the offending option, e.g. `formats` or `depth`. */
    readonly option: string,
    /** The value that was given. */
    readonly received: unknown,
    /** What is accepted, in words. */
    readonly expected: string,
    hint?: string,
  ) {
    super(`report option ${option} must be ${expected}; got ${describe(received)}.${hint ? ` ${hint}` : ''}`);
  }
}

/** Renders a value for an error message: strings quoted, numbers as written, others by type. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}
