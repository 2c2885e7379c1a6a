import { OptionsError } from '../errors.js';
import { checkInteger, checkOneOf } from '../validate.js';

/** The two training nets: a plain MLP and a pre-activation residual MLP at equal weight-layer counts. */
export const TRAIN_ARCHS = ['plain', 'residual'] as const;
/** A training net's architecture. */
export type TrainArch = (typeof TRAIN_ARCHS)[number];
/** Optimisers the training loop knows. */
export const OPTIMIZERS = ['sgd', 'adam'] as const;
/** Learning-rate schedules (each after an optional linear warmup). */
export const SCHEDULES = ['constant', 'step', 'cosine'] as const;

/** Options of a training net; every field optional (see kDefaultTrainOptions). */
export interface ModelOptions {
  /** `plain` or `residual`. */
  arch?: TrainArch;
  /** Weight (dense) layers, first and last included; residual needs an even number >= 4. */
  depth?: number;
  /** Hidden width. */
  width?: number;
  /** BatchNorm before every ReLU (as the paper). */
  batchNorm?: boolean;
  /** Residual branch scale eta: a number, or `invSqrtBlocks` for 1/sqrt(blocks). */
  branchScale?: number | 'invSqrtBlocks';
  /** Zero-initialise the last dense layer of every residual branch. */
  zeroInitBranch?: boolean;
}

/** Options of one training run: the net, the optimiser, the schedule, and the loop. */
export interface TrainOptions extends ModelOptions {
  /** Seeds the weights (numpy RandomState stream) and, separately, the shuffles. */
  seed?: number;
  /** Passes over the training set. */
  epochs?: number;
  /** Rows per mini-batch; the last batch of an epoch may be smaller. */
  batchSize?: number;
  /** `sgd` (momentum, PyTorch semantics) or `adam`. */
  optimizer?: (typeof OPTIMIZERS)[number];
  /** Peak learning rate. */
  lr?: number;
  /** SGD momentum in [0, 1). */
  momentum?: number;
  /** L2 weight decay added to every gradient (all parameters, as PyTorch's default). */
  weightDecay?: number;
  /** Adam's first-moment decay in [0, 1). */
  beta1?: number;
  /** Adam's second-moment decay in [0, 1). */
  beta2?: number;
  /** Adam's denominator epsilon. */
  adamEps?: number;
  /** Learning-rate schedule over steps. */
  schedule?: (typeof SCHEDULES)[number];
  /** Epochs of linear warmup from lr/warmupSteps to lr (0: none). */
  warmupEpochs?: number;
  /** `step` schedule: multiply the rate by stepGamma every stepEpochs epochs. */
  stepEpochs?: number;
  /** `step` schedule factor. */
  stepGamma?: number;
  /** `cosine` schedule: the rate at the last step. */
  minLr?: number;
  /** Also measure the train error in eval mode after every epoch (one more forward pass over the train set). */
  evalTrainError?: boolean;
}

/** A fully resolved training configuration (branchScale as a number). */
export type TrainConfig = Required<Omit<TrainOptions, 'branchScale'>> & { branchScale: number };

/** The training defaults: width 64, BatchNorm, SGD momentum 0.9, weight decay 1e-4, lr 0.05 cosine, batch 128. */
export const kDefaultTrainOptions: Required<TrainOptions> = {
  arch: 'plain',
  depth: 4,
  width: 64,
  batchNorm: true,
  branchScale: 1,
  zeroInitBranch: false,
  seed: 0,
  epochs: 5,
  batchSize: 128,
  optimizer: 'sgd',
  lr: 0.05,
  momentum: 0.9,
  weightDecay: 1e-4,
  beta1: 0.9,
  beta2: 0.999,
  adamEps: 1e-8,
  schedule: 'cosine',
  warmupEpochs: 0,
  stepEpochs: 1,
  stepGamma: 0.1,
  minLr: 0,
  evalTrainError: false,
};

/** Residual blocks of a residual net of `depth` weight layers (two per block plus first and last). */
export function residualBlocks(depth: number): number {
  return (depth - 2) / 2;
}

/** Merges options over the defaults and validates every field once; throws OptionsError naming the field. */
export function resolveTrainOptions(options: TrainOptions = {}): TrainConfig {
  const o = { ...kDefaultTrainOptions, ...withoutUndefined(options) };
  const arch = checkOneOf('arch', o.arch, TRAIN_ARCHS);
  const depth = checkInteger('depth', o.depth, 2);
  if (arch === 'residual' && (depth < 4 || depth % 2 !== 0)) {
    throw new OptionsError(
      'depth',
      depth,
      'an even integer >= 4 for arch "residual" (two layers per block plus the first and last)',
    );
  }
  let branchScale: number;
  if (o.branchScale === 'invSqrtBlocks') branchScale = arch === 'residual' ? 1 / Math.sqrt(residualBlocks(depth)) : 1;
  else branchScale = checkRange('branchScale', o.branchScale, 0, Infinity, 'a finite number >= 0 or "invSqrtBlocks"');
  return {
    arch,
    depth,
    width: checkInteger('width', o.width, 1),
    batchNorm: checkBoolean('batchNorm', o.batchNorm),
    branchScale,
    zeroInitBranch: checkBoolean('zeroInitBranch', o.zeroInitBranch),
    seed: checkInteger('seed', o.seed, 0, 0xffffffff),
    epochs: checkInteger('epochs', o.epochs, 1),
    batchSize: checkInteger('batchSize', o.batchSize, 1),
    optimizer: checkOneOf('optimizer', o.optimizer, OPTIMIZERS),
    lr: checkRange('lr', o.lr, 0, Infinity, 'a finite number >= 0'),
    momentum: checkRange('momentum', o.momentum, 0, 1, 'a number in [0, 1)', true),
    weightDecay: checkRange('weightDecay', o.weightDecay, 0, Infinity, 'a finite number >= 0'),
    beta1: checkRange('beta1', o.beta1, 0, 1, 'a number in [0, 1)', true),
    beta2: checkRange('beta2', o.beta2, 0, 1, 'a number in [0, 1)', true),
    adamEps: checkRange('adamEps', o.adamEps, 0, Infinity, 'a finite number >= 0'),
    schedule: checkOneOf('schedule', o.schedule, SCHEDULES),
    warmupEpochs: checkRange('warmupEpochs', o.warmupEpochs, 0, Infinity, 'a finite number >= 0'),
    stepEpochs: checkInteger('stepEpochs', o.stepEpochs, 1),
    stepGamma: checkRange('stepGamma', o.stepGamma, 0, Infinity, 'a finite number >= 0'),
    minLr: checkRange('minLr', o.minLr, 0, Infinity, 'a finite number >= 0'),
    evalTrainError: checkBoolean('evalTrainError', o.evalTrainError),
  };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function checkRange(
  option: string,
  value: unknown,
  min: number,
  max: number,
  expected: string,
  openMax = false,
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (openMax && value === max)
  ) {
    throw new OptionsError(option, value, expected);
  }
  return value;
}

function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new OptionsError(option, value, 'true or false');
  return value;
}
