import { CONTROL_PROGRESS } from './types.js';

/** Progress of a running sweep, as the CLI's progress bar shows it. */
export interface SweepProgress {
  /** Cells finished, including those already on disk at start. */
  done: number;
  /** Cells this sweep (or shard) holds. */
  total: number;
  /** Cells computed per second in this run. */
  rate: number;
  /** Seconds left at the current rate (Infinity before the first cell). */
  etaSeconds: number;
  /** Cells already on disk when this run started (resumed). */
  resumed: number;
}

/** Emits progress events from the shared counter workers bump with Atomics.add. */
export class ProgressReporter {
  private readonly counter: Int32Array;
  private readonly t0 = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    control: SharedArrayBuffer,
    private readonly total: number,
    private readonly resumed: number,
    private readonly onProgress: ((p: SweepProgress) => void) | undefined,
    intervalMs: number,
  ) {
    this.counter = new Int32Array(control);
    if (!onProgress) return;
    this.emit();
    this.timer = setInterval(() => this.emit(), intervalMs);
    this.timer.unref?.();
  }

  /** Cells computed in this run so far. */
  get computed(): number {
    return Atomics.load(this.counter, CONTROL_PROGRESS);
  }

  /** Stops the timer and emits a last event (once). */
  stop(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.emit();
  }

  private emit(): void {
    const computed = this.computed;
    const seconds = (performance.now() - this.t0) / 1000;
    const done = this.resumed + computed;
    const rate = seconds > 0 ? computed / seconds : 0;
    const left = this.total - done;
    this.onProgress?.({
      done,
      total: this.total,
      rate,
      etaSeconds: left === 0 ? 0 : rate > 0 ? left / rate : Infinity,
      resumed: this.resumed,
    });
  }
}
