/** A bad flag or value: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    /** The flag, e.g. `--width`. */
    readonly flag: string,
    /** What was given. */
    readonly received: string,
    /** What is accepted. */
    readonly expected: string,
  ) {
    super(`${flag}: got ${JSON.stringify(received)}; expected ${expected}.`);
  }
}

/** Exit codes of the resnet command. */
export const ExitCode = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** Errors about a flag's value: exit code 2, with a pointer to --help. */
const FLAG_ERRORS = ['UsageError', 'GridError', 'OptionsError', 'ReportOptionsError'];
/** Errors about what the flags ask for as a whole (too large a grid, another sweep in --out): exit code 2. */
const REQUEST_ERRORS = ['GridTooLargeError', 'ConfigMismatchError'];

const nameOf = (error: unknown) => (error as { name?: string } | null)?.name ?? '';

/** True for errors caused by what the user typed (exit code 2). */
export function isUsageError(error: unknown): boolean {
  return error instanceof UsageError || FLAG_ERRORS.includes(nameOf(error)) || REQUEST_ERRORS.includes(nameOf(error));
}

/** True when the error is about one flag's value, so `--help` lists what it accepts. */
export function isFlagError(error: unknown): boolean {
  return error instanceof UsageError || FLAG_ERRORS.includes(nameOf(error));
}
