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

/** True for errors caused by what the user typed (they carry the flag or option they are about). */
export function isUsageError(error: unknown): boolean {
  if (error instanceof UsageError) return true;
  const name = (error as { name?: string } | null)?.name ?? '';
  return ['UsageError', 'GridError', 'OptionsError', 'ConfigMismatchError', 'ReportOptionsError'].includes(name);
}
