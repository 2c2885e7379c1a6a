import type { ReportOptions, ReportResult } from '@resnet/report';
import { InterruptedError } from './errors.js';
import { commandLine } from './flags.js';
import { untilSignal, type SignalTrap } from './signals.js';

type ReportModule = typeof import('@resnet/report');

/** Starts loading the report modules now (while cells compute) and returns the pending module. */
export function preloadReport(): Promise<ReportModule> {
  const loading = import('@resnet/report');
  loading.catch(() => undefined); // awaited later; a load error surfaces there
  return loading;
}

/**
 * Writes the sweep's report; a signal stops it (writeReport stops between figures and leaves only
 * whole files) and becomes an InterruptedError that says the sweep is complete.
 */
export async function writeSweepReport(
  report: Promise<ReportModule>,
  out: string,
  title: string | undefined,
  trap: SignalTrap,
): Promise<ReportResult> {
  const stopped = () =>
    new InterruptedError(
      trap.received() ?? 'SIGINT',
      `Interrupted by ${trap.received() ?? 'SIGINT'} while writing the report: the sweep in ${out} is complete; ` +
        `rerun the same command to write the report: ${commandLine()}`,
    );
  const { writeReport } = await untilSignal(report, trap, stopped);
  const options: ReportOptions = { title, command: commandLine(), signal: trap.signal };
  return untilSignal(writeReport(out, options), trap, stopped);
}
