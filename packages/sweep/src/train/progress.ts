import { CONTROL_STEPS, CONTROL_WORK } from './types.js';

/** Progress of a training sweep, in optimiser steps, as the CLI's progress bar shows it. */
export interface TrainProgress {
  /** Steps done, including those of runs already on disk at start. */
  done: number;
  /** Steps of every run of the folder. */
  total: number;
  /** Steps per second in this run. */
  rate: number;
  /** Seconds left, from the depth-weighted work done so far (Infinity before the first step). */
  etaSeconds: number;
  /** Steps of the runs already on disk when this run started. */
  resumed: number;
  /** Runs finished (on disk) and the folder's run count. */
  runsDone: number;
  runs: number;
}

/** Emits progress events from the shared counters workers bump with Atomics.add. */
export class TrainProgressReporter {
  private readonly counters: Int32Array;
  private readonly t0 = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Runs on disk so far (the caller updates it as runs commit). */
  runsDone: number;

  constructor(
    control: SharedArrayBuffer,
    private readonly stepsPerRun: number,
    private readonly runs: number,
    private readonly resumedRuns: number,
    /** Depth-weighted work of the runs left at start (sum of depth x steps). */
    private readonly workLeft: number,
    private readonly onProgress: ((p: TrainProgress) => void) | undefined,
    intervalMs: number,
  ) {
    this.counters = new Int32Array(control);
    this.runsDone = resumedRuns;
    if (!onProgress) return;
    this.emit();
    this.timer = setInterval(() => this.emit(), intervalMs);
    this.timer.unref?.();
  }

  /** Stops the timer and emits a last event (once). */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.emit();
  }

  private emit(): void {
    const total = this.runs * this.stepsPerRun;
    const resumed = this.resumedRuns * this.stepsPerRun;
    const steps = Math.min(Atomics.load(this.counters, CONTROL_STEPS), total - resumed);
    const work = Atomics.load(this.counters, CONTROL_WORK);
    const seconds = (performance.now() - this.t0) / 1000;
    const done = this.runsDone === this.runs ? total : resumed + steps;
    const left = this.workLeft - work;
    const etaSeconds = done === total ? 0 : work > 0 && seconds > 0 ? Math.max(0, left) / (work / seconds) : Infinity;
    this.onProgress?.({
      done,
      total,
      rate: seconds > 0 ? steps / seconds : 0,
      etaSeconds,
      resumed,
      runsDone: this.runsDone,
      runs: this.runs,
    });
  }
}
