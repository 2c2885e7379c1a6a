import { createTrainer, type Trainer } from '@resnet/core';
import type { TrainProgress, TrainStart } from './messages.js';
import { decodeSplit, limitSplit } from './mnistFormat.js';

/** Milliseconds of training between two reports (and two chances to read a pause). */
const SLICE_MS = 40;

/** Where a session sends its reports and how it yields between slices (a worker and the page differ). */
export interface SessionHost {
  post(progress: TrainProgress): void;
  /** Calls fn soon, after pending messages (pause, resume) had their turn. */
  yieldThen(fn: () => void): void;
}

/**
 * One training run driven in slices of about SLICE_MS: each slice takes steps, measures the test error where
 * the schedule says (step 0, testsPerEpoch times within each epoch, each epoch's end) and reports what it did.
 */
export class TrainSession {
  private readonly trainer: Trainer;
  private readonly testEvery: number;
  private paused = false;
  private running = false;
  private pending: Omit<TrainProgress, 'kind' | 'run' | 'step' | 'total' | 'stepsPerEpoch' | 'done' | 'paused'>;

  constructor(
    private readonly start: TrainStart,
    private readonly host: SessionHost,
  ) {
    const split = limitSplit(decodeSplit(start.data.bytes), start.limit);
    this.trainer = createTrainer(start.options, split);
    this.testEvery = Math.max(1, Math.round(this.trainer.stepsPerEpoch / (start.testsPerEpoch + 1)));
    this.pending = { loss: [], errors: [], batch: [], tests: [[0, this.testError()]], epochs: [] };
  }

  /** Starts (or resumes) the slices. */
  resume(): void {
    this.paused = false;
    if (this.running) return;
    this.running = true;
    this.host.yieldThen(() => this.slice());
  }

  /** Stops after the current step; the report says so. */
  pause(): void {
    this.paused = true;
  }

  /** The test set's error now (the page always has one). */
  private testError(): number {
    return this.trainer.evaluate('test')!.error;
  }

  private slice(): void {
    const t = this.trainer;
    const end = performance.now() + SLICE_MS;
    let done = false;
    while (!this.paused && performance.now() < end) {
      const s = t.step();
      if (s === null) {
        done = true;
        break;
      }
      this.pending.loss.push(s.loss);
      this.pending.errors.push(s.errors);
      this.pending.batch.push(s.batch);
      if (s.epoch) {
        this.pending.epochs.push(s.epoch);
        if (s.epoch.testError !== null) this.pending.tests.push([t.steps, s.epoch.testError]);
      } else if ((t.steps % t.stepsPerEpoch) % this.testEvery === 0)
        this.pending.tests.push([t.steps, this.testError()]);
      done = t.done;
      if (done) break;
    }
    this.report(done);
    if (done || this.paused) this.running = false;
    else this.host.yieldThen(() => this.slice());
  }

  private report(done: boolean): void {
    const t = this.trainer;
    this.host.post({
      kind: 'train-progress',
      run: this.start.run,
      step: t.steps,
      total: t.totalSteps,
      stepsPerEpoch: t.stepsPerEpoch,
      ...this.pending,
      done,
      paused: this.paused && !done,
    });
    this.pending = { loss: [], errors: [], batch: [], tests: [], epochs: [] };
  }
}
