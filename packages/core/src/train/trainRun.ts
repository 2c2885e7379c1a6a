import type { TrainOptions } from './options.js';
import { createTrainer, type TrainData, type TrainResult } from './trainer.js';

/** Called after every optimiser step with the steps done and the run's total. */
export type StepCallback = (done: number, total: number) => void;

/**
 * Trains one (config, seed) and returns plain data, deterministically: createTrainer's steps, one after
 * another, to the last epoch (see createTrainer for the streams, the batches and the records).
 */
export function trainRun(options: TrainOptions, data: TrainData, onStep?: StepCallback): TrainResult {
  const trainer = createTrainer(options, data);
  while (trainer.step() !== null) onStep?.(trainer.steps, trainer.totalSteps);
  return trainer.result();
}
