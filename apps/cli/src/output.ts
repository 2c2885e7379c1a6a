import type { Patterns } from '@resnet/core';
import { envSourceOf } from './flagSources.js';
import { errorFlag, errorKind } from './errors.js';

/** Prints a value as JSON on stdout (the --json output of every command); non-finite numbers as strings. */
export function printJson(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : v), 2)}\n`,
  );
}

/** Patterns with camelCase keys for --json (core's `X` is the notebook's name for the images). */
export const patternsJson = ({ X, y, ...rest }: Patterns) => ({ x: X, y, ...rest });

/** The one-line message of an error, saying which RESNET_* variable set the flag when one did. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const flag = errorFlag(error);
  const variable = flag ? envSourceOf(flag) : undefined;
  return variable ? `${message} (${flag} was set by ${variable})` : message;
}

/** The --json form of an error: `{"error": {"kind", "message", "flag"}}`. */
export function errorJson(error: unknown): { error: { kind: string; message: string; flag: string | null } } {
  return { error: { kind: errorKind(error), message: errorMessage(error), flag: errorFlag(error) } };
}
