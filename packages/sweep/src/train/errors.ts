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

/** A runs file (runs.parquet or runs.jsonl) is missing, damaged or not as resnet writes it; names the file and the place. */
export class RunsFileError extends SweepError {
  override name = 'RunsFileError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly file: string,
    /** Where in the file, e.g. `row group 3`, when known. */
    readonly where: string | undefined,
    readonly fault: string,
  ) {
    super(
      `${file}${where ? ` ${where}` : ''}: ${fault}. Files written by \`resnet train\` are described in docs/sweep-format.md; rerun the training into a new folder if the file was damaged.`,
    );
  }
}
