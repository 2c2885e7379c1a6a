import {
  OptionsError,
  checkDataset,
  createModel,
  createOptimizer,
  createRng,
  evaluate,
  gatherBatch,
  learningRate,
  permutation,
  resolveTrainOptions,
  shuffleSeed,
  softmaxCrossEntropy,
  type EpochRecord,
  type TrainConfig,
  type TrainData,
  type TrainOptions,
} from '@resnet/core';

/** One optimiser step's mini-batch: mean loss over it, misclassified rows, rows. */
export interface StepRecord {
  loss: number;
  errors: number;
  batch: number;
  /** The epoch this step finished, when it was the epoch's last step (trainRun's record of it). */
  epoch: EpochRecord | null;
}

/** core's trainRun one step at a time, so a page can draw, pause and measure between steps. */
export interface Trainer {
  readonly config: TrainConfig;
  readonly stepsPerEpoch: number;
  readonly total: number;
  /** Steps taken so far. */
  readonly step: number;
  /** Takes the next optimiser step; null once every epoch is done. */
  next(): StepRecord | null;
  /** Error fraction on the test set in eval mode now (changes nothing the training depends on); null without one. */
  testError(): number | null;
}

/**
 * A trainer that takes exactly trainRun's steps for the same options and data (same model and shuffle streams,
 * mini-batches, schedule and epoch records): trainRun's loop, cut at each step. Tests hold the two equal.
 */
export function createTrainer(options: TrainOptions, data: TrainData): Trainer {
  // 1. Validate options and data once (as trainRun).
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
  // 2. The net, the optimiser and the buffers.
  const batchSize = Math.min(config.batchSize, train.count);
  const model = createModel(config, train.features, train.classes, batchSize, createRng(config.seed));
  const optimizer = createOptimizer(config, model.params);
  const shuffleRng = createRng(shuffleSeed(config.seed));
  const stepsPerEpoch = Math.ceil(train.count / batchSize);
  const total = stepsPerEpoch * config.epochs;
  const xb = new Float64Array(batchSize * train.features);
  const yb = new Int32Array(batchSize);
  const dLogits = new Float64Array(batchSize * train.classes);
  const order = new Int32Array(train.count);
  // 3. The loop's state between steps: the epoch, the next row of its order, its sums.
  let step = 0;
  let epoch = 0;
  let start = train.count;
  let lossSum = 0;
  let errors = 0;
  return {
    config,
    stepsPerEpoch,
    total,
    get step() {
      return step;
    },
    next() {
      if (step === total) return null;
      if (start >= train.count) {
        epoch++;
        permutation(shuffleRng, train.count, order);
        start = 0;
        lossSum = 0;
        errors = 0;
      }
      const batch = Math.min(batchSize, train.count - start);
      gatherBatch(train, order, start, batch, xb, yb);
      const logits = model.forward(xb, batch, true);
      const out = softmaxCrossEntropy(logits, yb, batch, train.classes, dLogits);
      model.backward(dLogits, batch);
      optimizer.step(learningRate(config, step, stepsPerEpoch, total));
      lossSum += out.loss * batch;
      errors += out.errors;
      step++;
      start += batchSize;
      let record: EpochRecord | null = null;
      if (start >= train.count) {
        record = {
          epoch,
          trainLoss: lossSum / train.count,
          trainError: errors / train.count,
          testError: test === undefined ? null : evaluate(model, test, batchSize).error,
          trainEvalError: config.evalTrainError ? evaluate(model, train, batchSize).error : null,
        };
      }
      return { loss: out.loss, errors: out.errors, batch, epoch: record };
    },
    testError() {
      return test === undefined ? null : evaluate(model, test, batchSize).error;
    },
  };
}
