import { OptionsError } from './errors.js';
import { checkFinite } from './validate.js';

/** A setting given once for every position, or one value per position (residual block or weight layer, in order). */
export type PerPosition = number | readonly number[];

/** The value of a per-position setting at 0-based position i (a scalar is the same everywhere). */
export function valueAt(value: PerPosition, i: number): number {
  return typeof value === 'number' ? value : value[i];
}

/**
 * Throws unless value is a finite number >= min, or an array of exactly `length` such numbers (one per
 * `unit`); `length` 0 accepts scalars only (`why` says so). Returns the number, or a frozen copy of the array.
 */
export function checkPerPosition(
  option: string,
  value: unknown,
  length: number,
  unit: string,
  min = -Infinity,
  why = '',
): PerPosition {
  if (!Array.isArray(value)) return checkFinite(option, value, min);
  const each = min === -Infinity ? 'finite numbers' : `finite numbers >= ${min}`;
  if (length === 0)
    throw new OptionsError(option, value, `a ${min === -Infinity ? 'finite number' : `finite number >= ${min}`}`, why);
  if (value.length !== length) {
    throw new OptionsError(
      option,
      value,
      `a number or an array of ${length} ${each} (one per ${unit})`,
      `It has ${value.length} entries.`,
    );
  }
  for (let i = 0; i < length; i++) checkFinite(`${option}[${i}]`, value[i], min);
  return Object.freeze([...(value as number[])]);
}
