import { OptionsError } from '../errors.js';
import { createRng } from '../rng.js';
import { checkDataset, gatherBatch, type Dataset } from './dataset.js';
import { evaluate } from './evaluate.js';
import { weightGradNorms } from './gradNorms.js';
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
  /** ||dW|| of every dense layer after the epoch, first to last, on the gradient-norm batch (see createTrainer). */
  gradNorms: number[];
}

/** What a training run returns: its resolved config and one record per epoch. */
export interface TrainResult {
  config: TrainConfig;
  /** ||dW|| of every dense layer at initialisation, first to last, on the gradient-norm batch. */
  initGradNorms: number[];
  epochs: EpochRecord[];
  /** Optimiser steps taken. */
  steps: number;
}

/** Data of a run: the training set and, optionally, a test set of the same shape. */
export interface TrainData {
  train: Dataset;
  test?: Dataset;
}

/** One optimiser step's mini-batch: its mean loss, misclassified rows and rows, and the epoch it finished. */
export interface StepRecord {
  loss: number;
  errors: number;
  batch: number;
  /** The epoch's record when this step was the epoch's last (its test error measured after it), else null. */
  epoch: EpochRecord | null;
}

/** A training run taken one optimiser step at a time (createTrainer); trainRun is a loop over step(). */
export interface Trainer {
  readonly config: TrainConfig;
  /** The net being trained (its parameters change with every step). */
  readonly model: Model;
  readonly stepsPerEpoch: number;
  /** Optimiser steps of the whole run: stepsPerEpoch × epochs. */
  readonly totalSteps: number;
  /** Optimiser steps taken so far. */
  readonly steps: number;
  /** Records of the epochs finished so far. */
  readonly epochs: readonly EpochRecord[];
  /** ||dW|| of every dense layer at initialisation, first to last, on the gradient-norm batch. */
  readonly initGradNorms: readonly number[];
  /** Whether every step has been taken. */
  readonly done: boolean;
  /** Takes the next optimiser step and returns its record; null once every step has been taken. */
  step(): StepRecord | null;
  /**
   * Mean loss and error fraction on the test or train set now, in eval mode (running BatchNorm statistics);
   * null for 'test' without a test set. Changes nothing later steps depend on.
   */
  evaluate(split: 'test' | 'train'): { loss: number; error: number } | null;
  /** ||dW|| of every dense layer now, first to last, on the gradient-norm batch. Changes nothing later steps depend on. */
  gradNorms(): number[];
  /** The run so far as trainRun returns it: the config, the finished epochs' records, the steps taken. */
  result(): TrainResult;
}

/** The shuffle stream's seed: independent of the weights' stream createRng(seed). */
export function shuffleSeed(seed: number): number {
  return (seed ^ 0x5deece66) >>> 0;
}

/**
 * A trainer for one (config, seed), deterministic: weights from createRng(seed), each epoch's order from
 * RandomState(shuffleSeed(seed)).permutation(count), mini-batches in that order (the last may be smaller), the
 * schedule's rate per step, and after each epoch's last step its record (eval-mode test error, and train error
 * when evalTrainError). The gradient norms (at initialisation and after every epoch) are ||dW|| of each dense
 * layer for the mean loss of one fixed batch, the first min(batchSize, count) training rows, in train mode
 * (weightGradNorms: no step taken, the running statistics kept). The batch, dL/d(logits) and the optimiser's state live in the model's arena, so its
 * kernels (WebAssembly SIMD where available) work on them in place.
 */
export function createTrainer(options: TrainOptions, data: TrainData): Trainer {
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
  const totalSteps = stepsPerEpoch * config.epochs;
  const yb = new Int32Array(batchSize);
  const order = new Int32Array(train.count);
  const firstRows = Int32Array.from({ length: batchSize }, (_, i) => i);
  const gradNorms = () => {
    gatherBatch(train, firstRows, 0, batchSize, model.input, yb);
    return weightGradNorms(model, yb, batchSize, train.classes);
  };
  const initGradNorms = gradNorms();
  // 3. The loop's state between steps: the epoch, the next row of its order, its sums.
  const epochs: EpochRecord[] = [];
  let steps = 0;
  let start = train.count;
  let lossSum = 0;
  let errors = 0;
  const evaluateOn = (split: 'test' | 'train') => {
    const ds = split === 'test' ? test : train;
    return ds === undefined ? null : evaluate(model, ds, batchSize);
  };
  return {
    config,
    model,
    stepsPerEpoch,
    totalSteps,
    get steps() {
      return steps;
    },
    epochs,
    initGradNorms,
    get done() {
      return steps === totalSteps;
    },
    step() {
      if (steps === totalSteps) return null;
      // 1. A new epoch draws its order.
      if (start >= train.count) {
        permutation(shuffleRng, train.count, order);
        start = 0;
        lossSum = 0;
        errors = 0;
      }
      // 2. One mini-batch: forward, loss, backward, the optimiser's step at the schedule's rate.
      const batch = Math.min(batchSize, train.count - start);
      gatherBatch(train, order, start, batch, model.input, yb);
      const logits = model.forward(model.input, batch, true);
      const out = softmaxCrossEntropy(logits, yb, batch, train.classes, model.outputGrad);
      model.backward(model.outputGrad, batch);
      optimizer.step(learningRate(config, steps, stepsPerEpoch, totalSteps));
      lossSum += out.loss * batch;
      errors += out.errors;
      steps++;
      start += batchSize;
      // 3. The epoch's last step records it.
      let record: EpochRecord | null = null;
      if (start >= train.count) {
        record = {
          epoch: epochs.length + 1,
          trainLoss: lossSum / train.count,
          trainError: errors / train.count,
          testError: evaluateOn('test')?.error ?? null,
          trainEvalError: config.evalTrainError ? evaluateOn('train')!.error : null,
          gradNorms: gradNorms(),
        };
        epochs.push(record);
      }
      return { loss: out.loss, errors: out.errors, batch, epoch: record };
    },
    evaluate: evaluateOn,
    gradNorms,
    result: () => ({ config, initGradNorms: [...initGradNorms], epochs: [...epochs], steps }),
  };
}
