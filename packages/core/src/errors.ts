/**
 * What kind of fault an error reports, so a front end can react without matching class names:
 * `usage` (a bad option or argument: fix the input), `state` (the request conflicts with what is on
 * disk or with limits: another config in the folder, a busy folder, a grid too large), `interrupted`
 * (stopped on request; the work done is kept) and `failure` (anything else at run time).
 */
export type ErrorKind = 'usage' | 'state' | 'interrupted' | 'failure';

/** Base class of every error @resnet/core throws on bad input. */
export class CoreError extends Error {
  override name = 'CoreError';
  /** Every core error is about its input. */
  readonly kind: ErrorKind = 'usage';
}

/** An option or argument is out of range; names the option, what was given and what is accepted. */
export class OptionsError extends CoreError {
  override name = 'OptionsError';
  constructor(
    /** Dotted name of the offending option, e.g. `depth` or `config.width`. */
    readonly option: string,
    /** The value that was given. */
    readonly received: unknown,
    /** What is accepted, in words, e.g. `an integer >= 2`. */
    readonly expected: string,
    hint?: string,
  ) {
    super(`${option} must be ${expected}; got ${describe(received)}.${hint ? ` ${hint}` : ''}`);
  }
}

/** An array has the wrong length for the shape it stands for. */
export class ShapeError extends CoreError {
  override name = 'ShapeError';
  constructor(
    /** Name of the argument. */
    readonly argument: string,
    /** Expected number of elements (or shape in words). */
    readonly expected: number | string,
    /** Number of elements received. */
    readonly got: number,
  ) {
    super(`${argument} must have ${expected} elements; got ${got}.`);
  }
}

/** Input data holds a NaN or an infinity where finite numbers are required. */
export class NonFiniteInputError extends CoreError {
  override name = 'NonFiniteInputError';
  constructor(
    readonly argument: string,
    readonly index: number,
    readonly value: number,
  ) {
    super(`${argument}[${index}] is ${value}; every element must be a finite number.`);
  }
}

/** Renders a value for an error message: strings quoted, numbers as written, others by type. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === undefined || value === null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a value of type ${typeof value}`;
}
