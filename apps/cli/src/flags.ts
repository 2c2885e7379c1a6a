import { UsageError } from './errors.js';

/** Parses an integer flag given as text, with a clear error naming the flag. */
export function intFlag(flag: string, raw: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = String(raw).trim();
  const value = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`;
    throw new UsageError(flag, text, range);
  }
  return value;
}

/** Parses a finite number flag given as text. */
export function numberFlag(flag: string, raw: unknown, check: (v: number) => boolean = () => true, expected = 'a finite number'): number {
  const text = String(raw).trim();
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(flag, text, expected);
  return value;
}

/** Quotes one argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line as the user typed it (argv after node and the script), for manifests and resume hints. */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  return ['resnet', ...argv].map(shellQuote).join(' ');
}
