import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
export function numberFlag(
  flag: string,
  raw: unknown,
  check: (v: number) => boolean = () => true,
  expected = 'a finite number',
): number {
  const text = String(raw).trim();
  const value = text === '' ? NaN : Number(text);
  if (!Number.isFinite(value) || !check(value)) throw new UsageError(flag, text, expected);
  return value;
}

/** A text flag that must not be empty (`--title ''` is refused, not taken for "no title"). */
export function textFlag(flag: string, raw: unknown, expected: string): string {
  const text = String(raw);
  if (text.trim() === '') throw new UsageError(flag, text, expected);
  return text;
}

/** A comma list whose items all come from `accepted`, without duplicates, e.g. `--format parquet,jsonl`. */
export function listFlag<T extends string>(flag: string, raw: unknown, accepted: readonly T[]): T[] {
  const text = String(raw);
  const items = text.split(',').map((s) => s.trim());
  const expected = `a comma-separated list of ${accepted.join(', ')}`;
  if (items.some((item) => !accepted.includes(item as T))) throw new UsageError(flag, text, expected);
  return [...new Set(items as T[])];
}

/**
 * An output folder: refused at once when the path (or the nearest part of it that exists) is a
 * file, instead of a raw EEXIST/ENOTDIR later.
 */
export function outFolderFlag(flag: string, raw: unknown): string {
  const path = textFlag(flag, raw, 'a folder path');
  for (let p = resolve(path); ; p = dirname(p)) {
    const stat = statOrNull(p);
    if (stat) {
      if (stat.isDirectory()) return path;
      const what = p === resolve(path) ? 'that path is a file' : `${p} is a file`;
      throw new UsageError(flag, path, `a folder path (${what}): choose another --out`);
    }
    if (dirname(p) === p) return path;
  }
}

/** stat, or null when nothing is there (ENOENT) or a parent is a file (ENOTDIR: that parent is found next). */
function statOrNull(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw error;
  }
}

/** Quotes one argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The command line as the user typed it (argv after node and the script), for manifests and resume hints. */
export function commandLine(argv: readonly string[] = process.argv.slice(2)): string {
  return ['resnet', ...argv].map(shellQuote).join(' ');
}
