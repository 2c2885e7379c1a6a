import { OptionsError, NonFiniteInputError } from './errors.js';

/** Throws unless value is an integer >= min (and <= max when given). */
export function checkInteger(option: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new OptionsError(option, value, range);
  }
  return value;
}

/** Throws unless value is a finite number (>= min when given). */
export function checkFinite(option: string, value: unknown, min = -Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new OptionsError(option, value, min === -Infinity ? 'a finite number' : `a finite number >= ${min}`);
  }
  return value;
}

/** Throws unless value is one of the allowed strings. */
export function checkOneOf<T extends string>(option: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new OptionsError(option, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value as T;
}

/** Throws a NonFiniteInputError at the first NaN or infinity in data. */
export function checkAllFinite(argument: string, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) throw new NonFiniteInputError(argument, i, v);
  }
}
