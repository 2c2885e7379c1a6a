import type { ReportOptions, ReportResult } from '@resnet/report';
import { InterruptedError } from './errors.js';
import { commandLine } from './flags.js';
import type { SignalTrap } from './signals.js';

type ReportModule = typeof import('@resnet/report');

/** Starts loading the report modules now (while cells compute) and returns the pending module. */
export function preloadReport(): Promise<ReportModule> {
  const loading = import('@resnet/report');
  loading.catch(() => undefined); // awaited later; a load error surfaces there
  return loading;
}

/**
 * Writes the sweep's report; a signal stops it (the report package takes `signal` after integration,
 * and until then the CLI stops waiting) and becomes an InterruptedError that says the sweep is complete.
 */
export async function writeSweepReport(report: Promise<ReportModule>, out: string, title: string | undefined, trap: SignalTrap): Promise<ReportResult> {
  const interrupted = (): InterruptedError =>
    new InterruptedError(
      trap.received() ?? 'SIGINT',
      `Interrupted by ${trap.received() ?? 'SIGINT'} while writing the report: the sweep in ${out} is complete; ` +
        `rerun the same command to write the report: ${commandLine()}`,
    );
  const stopped = new Promise<never>((_, reject) => {
    if (trap.signal.aborted) reject(interrupted());
    trap.signal.addEventListener('abort', () => reject(interrupted()), { once: true });
  });
  stopped.catch(() => undefined);
  const { writeReport } = await Promise.race([report, stopped]);
  const options: ReportOptions & { signal: AbortSignal } = { title, command: commandLine(), signal: trap.signal };
  try {
    return await Promise.race([writeReport(out, options), stopped]);
  } catch (error) {
    throw trap.received() ? interrupted() : error;
  }
}
