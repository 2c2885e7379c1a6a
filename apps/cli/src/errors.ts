import type { ErrorKind } from '@resnet/core';

/** A bad flag or value: printed as one line naming the flag, what was given and what is accepted; exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly kind: ErrorKind = 'usage';
  constructor(
    /** The flag, e.g. `--width` (null for a command-line problem that is not one flag's). */
    readonly flag: string | null,
    /** What was given; null when the flag came without a value. */
    readonly received: string | null,
    /** What is accepted. */
    readonly expected: string,
    /** The whole message, when the default `flag: got X; expected Y.` does not fit (yargs' own complaints). */
    message?: string,
  ) {
    const given = received === null ? 'no value' : JSON.stringify(received);
    super(message ?? (flag === null ? expected : `${flag}: got ${given}; expected ${expected}.`));
  }
}

/** Numbers of the signals the CLI traps (exit code 128 + n, the shell's convention). */
export const SIGNAL_NUMBERS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
/** A signal the CLI traps. */
export type TrappedSignal = keyof typeof SIGNAL_NUMBERS;

/** The run was stopped by a signal; the work done is kept. Exit code 128 + the signal's number. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly kind: ErrorKind = 'interrupted';
  constructor(
    readonly signal: TrappedSignal,
    message = `Interrupted by ${signal}.`,
  ) {
    super(message);
  }
}

/** Exit codes of the resnet command. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, interrupted: 128 + SIGNAL_NUMBERS.SIGINT } as const;

const KINDS: readonly ErrorKind[] = ['usage', 'state', 'interrupted', 'failure'];

/** The error's kind; an error without a known `kind` (a bug, a raw Node error) is a failure. */
export function errorKind(error: unknown): ErrorKind {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return KINDS.includes(kind as ErrorKind) ? (kind as ErrorKind) : 'failure';
}

/** Exit code by kind: usage and state 2, interrupted 128 + signal (130 without one), failure 1. */
export function exitCodeOf(error: unknown): number {
  const kind = errorKind(error);
  if (kind === 'usage' || kind === 'state') return ExitCode.usage;
  if (kind === 'interrupted') {
    const signal = (error as { signal?: unknown }).signal;
    return typeof signal === 'string' && signal in SIGNAL_NUMBERS
      ? 128 + SIGNAL_NUMBERS[signal as TrappedSignal]
      : ExitCode.interrupted;
  }
  return ExitCode.failure;
}

/** The flag an error names (`flag`, or `option` when it reads like a flag), else null. */
export function errorFlag(error: unknown): string | null {
  const e = error as { flag?: unknown; option?: unknown } | null;
  if (typeof e?.flag === 'string') return e.flag;
  if (typeof e?.option === 'string' && e.option.startsWith('--')) return e.option;
  return null;
}
