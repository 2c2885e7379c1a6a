import type { ErrorKind } from '@resnet/core';
import { SweepError } from '../errors.js';

/** The AbortSignal fired: in-flight runs were stopped, finished runs are on disk, rerunning resumes. */
export class TrainAbortedError extends SweepError {
  override name = 'TrainAbortedError';
  override readonly kind: ErrorKind = 'interrupted';
  constructor(
    readonly out: string,
    /** Runs on disk when the sweep stopped. */
    readonly saved: number,
    readonly total: number,
  ) {
    super(`Training stopped: ${saved} of ${total} runs are saved in ${out}. Rerun the same command to resume.`);
  }
}

/** A training run threw in a worker (or its worker died); carries the run's coordinates and the cause. */
export class RunError extends SweepError {
  override name = 'RunError';
  override readonly kind: ErrorKind = 'failure';
  constructor(
    readonly run: { arch: string; depth: number; seed: number },
    readonly reason: string,
    readonly out: string,
    readonly saved: number,
  ) {
    super(
      `Run arch=${run.arch} depth=${run.depth} seed=${run.seed} failed: ${reason}\n` +
        `${saved} finished runs are saved in ${out}; fix the cause and rerun the same command to resume.`,
    );
  }
}
