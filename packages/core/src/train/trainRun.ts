import { OptionsError } from '../errors.js';
import { createRng } from '../rng.js';
import { checkDataset, gatherBatch, type Dataset } from './dataset.js';
import { createModel, type Model } from './model.js';
import { createOptimizer } from './optimizer.js';
import { resolveTrainOptions, type TrainConfig, type TrainOptions } from './options.js';
import { learningRate } from './schedule.js';
import { permutation } from './shuffle.js';
import { softmaxCrossEntropy } from './softmaxCrossEntropy.js';

/** One epoch's record: train-mode loss and error averaged over its mini-batches, and eval-mode test error. */
export interface EpochRecord {
  /** 1-based. */
  epoch: number;
  /** Mean cross-entropy over the epoch's samples, as seen during training. */
  trainLoss: number;
  /** Fraction of the epoch's samples misclassified during training (0..1). */
  trainError: number;
  /** Fraction of test samples misclassified after the epoch (eval mode), or null without test data. */
  testError: number | null;
  /** Fraction of train samples misclassified after the epoch in eval mode, or null unless evalTrainError. */
  trainEvalError: number | null;
}

/** What a training run returns: its resolved config and one record per epoch. */
export interface TrainResult {
  config: TrainConfig;
  epochs: EpochRecord[];
  /** Optimiser steps taken. */
  steps: number;
}

/** Data of a run: the training set and, optionally, a test set of the same shape. */
export interface TrainData {
  train: Dataset;
  test?: Dataset;
}

/** Called after every optimiser step with the steps done and the run's total. */
export type StepCallback = (done: number, total: number) => void;

/** The shuffle stream's seed: independent of the weights' stream createRng(seed). */
export function shuffleSeed(seed: number): number {
  return (seed ^ 0x5deece66) >>> 0;
}

/**
 * Trains one (config, seed) and returns plain data, deterministically: weights from createRng(seed),
 * each epoch's order from RandomState(shuffleSeed(seed)).permutation(count), mini-batches in that
 * order (the last may be smaller), the schedule's rate per step.
 */
export function trainRun(options: TrainOptions, data: TrainData, onStep?: StepCallback): TrainResult {
  // 1. Validate options and data once.
  const config = resolveTrainOptions(options);
  const train = checkDataset('train', data.train);
  const test = data.test === undefined ? undefined : checkDataset('test', data.test);
  if (test !== undefined && (test.features !== train.features || test.classes !== train.classes)) {
    throw new OptionsError(
      'test.features',
      test.features,
      `${train.features} features and ${train.classes} classes, as the training set`,
    );
  }
  // 2. Build the net and the optimiser.
  const batchSize = Math.min(config.batchSize, train.count);
  const stateArrays = config.optimizer === 'adam' ? 2 : 1;
  const model = createModel(config, train.features, train.classes, batchSize, createRng(config.seed), stateArrays);
  const optimizer = createOptimizer(config, model.params, model.arena);
  const shuffleRng = createRng(shuffleSeed(config.seed));
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  const total = stepsPerEpoch * config.epochs;
  // The batch and dL/d(logits) live in the model's memory, so its kernels work on them in place.
  const xb = model.input;
  const yb = new Int32Array(batchSize);
  const dLogits = model.outputGrad;
  const order = new Int32Array(train.count);
  // 3. Epochs of shuffled mini-batches.
  const epochs: EpochRecord[] = [];
  let step = 0;
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    permutation(shuffleRng, train.count, order);
    let lossSum = 0;
    let errors = 0;
    for (let start = 0; start < train.count; start += batchSize) {
      const batch = Math.min(batchSize, train.count - start);
      gatherBatch(train, order, start, batch, xb, yb);
      const logits = model.forward(xb, batch, true);
      const out = softmaxCrossEntropy(logits, yb, batch, train.classes, dLogits);
      model.backward(dLogits, batch);
      optimizer.step(learningRate(config, step, stepsPerEpoch, total));
      lossSum += out.loss * batch;
      errors += out.errors;
      step++;
      onStep?.(step, total);
    }
    const testError = test === undefined ? null : evaluate(model, test, batchSize).error;
    const trainEvalError = config.evalTrainError ? evaluate(model, train, batchSize).error : null;
    epochs.push({
      epoch,
      trainLoss: lossSum / train.count,
      trainError: errors / train.count,
      testError,
      trainEvalError,
    });
  }
  return { config, epochs, steps: step };
}

/** Mean loss and error fraction of model on ds in eval mode (running BatchNorm statistics), in chunks of batchSize. */
export function evaluate(model: Model, ds: Dataset, batchSize: number): { loss: number; error: number } {
  const fits = model.input.length >= batchSize * ds.features;
  const xb = fits ? model.input : new Float64Array(batchSize * ds.features);
  const yb = new Int32Array(batchSize);
  const identity = new Int32Array(ds.count);
  for (let i = 0; i < ds.count; i++) identity[i] = i;
  let lossSum = 0;
  let errors = 0;
  for (let start = 0; start < ds.count; start += batchSize) {
    const batch = Math.min(batchSize, ds.count - start);
    gatherBatch(ds, identity, start, batch, xb, yb);
    const out = softmaxCrossEntropy(model.forward(xb, batch, false), yb, batch, ds.classes, null);
    lossSum += out.loss * batch;
    errors += out.errors;
  }
  return { loss: lossSum / ds.count, error: errors / ds.count };
}
