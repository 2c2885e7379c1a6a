import { describe, expect, it } from 'vitest';
import {
  OptionsError,
  ShapeError,
  kDefaultTrainOptions,
  resolveTrainOptions,
  trainRun,
  type TrainOptions,
} from '@resnet/core';

describe('resolveTrainOptions', () => {
  it('fills the issue-11 defaults', () => {
    const c = resolveTrainOptions();
    expect(c).toMatchObject({
      width: 64,
      batchNorm: true,
      optimizer: 'sgd',
      lr: 0.05,
      momentum: 0.9,
      weightDecay: 1e-4,
      schedule: 'cosine',
      batchSize: 128,
    });
    expect(resolveTrainOptions({ lr: undefined }).lr).toBe(kDefaultTrainOptions.lr);
  });

  it('resolves branchScale invSqrtBlocks to 1/sqrt(blocks)', () => {
    expect(resolveTrainOptions({ arch: 'residual', depth: 34, branchScale: 'invSqrtBlocks' }).branchScale).toBe(0.25);
  });

  const bad: [TrainOptions, RegExp][] = [
    [{ arch: 'residual', depth: 5 }, /^depth must be an even integer >= 4 for arch "residual".*; got 5\./],
    [{ depth: 1 }, /^depth must be an integer >= 2; got 1\./],
    [{ arch: 'dense' as never }, /^arch must be one of "plain", "residual"; got "dense"\./],
    [{ lr: -0.1 }, /^lr must be a finite number >= 0; got -0\.1\./],
    [{ momentum: 1 }, /^momentum must be a number in \[0, 1\); got 1\./],
    [{ optimizer: 'rmsprop' as never }, /^optimizer must be one of "sgd", "adam"; got "rmsprop"\./],
    [{ branchScale: 'half' as never }, /^branchScale must be a finite number >= 0 or "invSqrtBlocks"; got "half"\./],
    [{ batchNorm: 1 as never }, /^batchNorm must be true or false; got 1\./],
    [{ schedule: 'linear' as never }, /^schedule must be one of "constant", "step", "cosine"/],
    [{ seed: -1 }, /^seed must be an integer from 0 to 4294967295; got -1\./],
  ];
  for (const [options, message] of bad) {
    it(`rejects ${JSON.stringify(options)} with an OptionsError naming the field`, () => {
      let error: unknown;
      try {
        resolveTrainOptions(options);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(OptionsError);
      expect((error as OptionsError).kind).toBe('usage');
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('trainRun data checks', () => {
  const ds = { x: new Float64Array(6), y: new Int32Array([0, 1, 2]), count: 3, features: 2, classes: 3 };
  it('names the offending label', () => {
    expect(() => trainRun({ epochs: 1 }, { train: { ...ds, y: new Int32Array([0, 3, 1]) } })).toThrow(
      /^train\.y\[1\] must be a label from 0 to 2; got 3\./,
    );
  });

  it('names a wrongly sized x', () => {
    expect(() => trainRun({ epochs: 1 }, { train: { ...ds, x: new Float64Array(5) } })).toThrow(ShapeError);
  });

  it('rejects a test set of another shape', () => {
    expect(() => trainRun({ epochs: 1 }, { train: ds, test: { ...ds, features: 3, x: new Float64Array(9) } })).toThrow(
      /^test\.features must be 2 features/,
    );
  });
});
