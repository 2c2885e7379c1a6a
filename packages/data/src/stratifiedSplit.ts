import { type Dataset, LegacyRandomState, OptionsError, permutation } from '@resnet/core';
import { selectRows } from './selectRows.js';

/** Options of stratifiedSplit (and of loadMnist's split). */
export interface SplitOptions {
  /** Seed of the numpy-exact permutation that decides membership and order; an integer 0..2^32-1. Default 0. */
  seed?: number;
  /** Share of each class that goes to train: floor(trainFraction × class count) rows. Default 0.8. */
  trainFraction?: number;
  /** Allocate the split's arrays over SharedArrayBuffers. Default false. */
  shared?: boolean;
}

/** A train/test split: the two Datasets and the rows of the source each was taken from, in order. */
export interface Split {
  train: Dataset;
  test: Dataset;
  /** Source rows of train, train row r = source row trainIndices[r]. */
  trainIndices: Int32Array;
  /** Source rows of test. */
  testIndices: Int32Array;
}

/** The split's defaults: seed 0, 80 % of each class to train. */
export const DEFAULT_SPLIT = { seed: 0, trainFraction: 0.8 } as const;

/** Validates split options once (errors name the option) and fills the defaults. */
export function resolveSplitOptions(options: SplitOptions = {}): Required<SplitOptions> {
  const seed = options.seed ?? DEFAULT_SPLIT.seed;
  const trainFraction = options.trainFraction ?? DEFAULT_SPLIT.trainFraction;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new OptionsError('seed', seed, 'an integer from 0 to 4294967295');
  if (!(trainFraction > 0 && trainFraction < 1))
    throw new OptionsError('trainFraction', trainFraction, 'a number strictly between 0 and 1');
  return { seed, trainFraction, shared: options.shared ?? false };
}

/**
 * Splits ds per class: walk `RandomState(seed).permutation(count)` and send each row to train while its
 * class has had fewer than floor(trainFraction × class count) train rows, else to test. Both halves keep
 * the permutation's order (classes interleaved). In numpy: `perm = RandomState(seed).permutation(n)`, then
 * a row goes to train iff its rank among its class's rows in perm order is below that class's quota.
 */
export function stratifiedSplit(ds: Dataset, options: SplitOptions = {}): Split {
  const { seed, trainFraction, shared } = resolveSplitOptions(options);
  // 1. Per-class quotas.
  const perClass = new Int32Array(ds.classes);
  for (let i = 0; i < ds.count; i++) perClass[ds.y[i]!]!++;
  const quota = Int32Array.from(perClass, (n) => Math.floor(trainFraction * n));
  const trainCount = quota.reduce((a, b) => a + b, 0);
  // 2. Walk the permutation, filling each class's train quota first.
  const perm = permutation(new LegacyRandomState(seed), ds.count);
  const trainIndices = new Int32Array(trainCount);
  const testIndices = new Int32Array(ds.count - trainCount);
  const taken = new Int32Array(ds.classes);
  let tr = 0;
  let te = 0;
  for (let p = 0; p < perm.length; p++) {
    const i = perm[p]!;
    const c = ds.y[i]!;
    if (taken[c]! < quota[c]!) {
      taken[c]!++;
      trainIndices[tr++] = i;
    } else testIndices[te++] = i;
  }
  return {
    train: selectRows(ds, trainIndices, shared),
    test: selectRows(ds, testIndices, shared),
    trainIndices,
    testIndices,
  };
}
