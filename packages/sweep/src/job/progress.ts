import { CONTROL_DONE, CONTROL_WORK, type JobProgress, type ProgressPlan } from './job.js';

/** What a progress reporter counts: the folder's amount, what was on disk at start, and the work left. */
export interface ProgressCount {
  /** Amount of the folder's units (cells, steps) and of those on disk at start. */
  total: number;
  resumed: number;
  /** Work of the units left at start (equals the amount left when the job has no work weights). */
  workLeft: number;
  /** Units of the folder and units on disk at start. */
  units: number;
  unitsDone: number;
}

/** Emits progress events from the shared counters workers bump with Atomics.add. */
export class ProgressReporter<P extends JobProgress> {
  private readonly counters: Int32Array;
  private readonly t0 = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  /** Units on disk so far (the runner updates it as units commit). */
  unitsDone: number;

  constructor(
    control: SharedArrayBuffer,
    private readonly plan: ProgressPlan,
    private readonly count: ProgressCount,
    private readonly onProgress: ((p: P) => void) | undefined,
    intervalMs: number,
  ) {
    this.counters = new Int32Array(control);
    this.unitsDone = count.unitsDone;
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
    const { total, resumed, workLeft, units } = this.count;
    const amount = Math.min(Atomics.load(this.counters, CONTROL_DONE), total - resumed);
    const work = this.plan.work ? Atomics.load(this.counters, CONTROL_WORK) : amount;
    const seconds = (performance.now() - this.t0) / 1000;
    const done = this.unitsDone === units ? total : resumed + amount;
    const etaSeconds =
      done === total ? 0 : work > 0 && seconds > 0 ? Math.max(0, workLeft - work) / (work / seconds) : Infinity;
    this.onProgress?.({
      done,
      total,
      rate: seconds > 0 ? amount / seconds : 0,
      etaSeconds,
      resumed,
      ...this.plan.fields?.(this.unitsDone, units),
    } as P);
  }
}

/** The one event of a folder found complete. */
export function completeProgress<P extends JobProgress>(plan: ProgressPlan, total: number, units: number): P {
  return { done: total, total, rate: 0, etaSeconds: 0, resumed: total, ...plan.fields?.(units, units) } as P;
}
