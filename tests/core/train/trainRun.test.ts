import { describe, expect, it } from 'vitest';
import { createRng, generatePatterns, patternsDataset, trainRun, type TrainOptions } from '@resnet/core';

// The notebook's 8x8 line patterns (3 classes, chance error 2/3), with noise 0.5 so it takes a few epochs.
const train = patternsDataset(generatePatterns(createRng(100), 600, 8, 0.5));
const test = patternsDataset(generatePatterns(createRng(101), 300, 8, 0.5));
const small: TrainOptions = { depth: 6, width: 16, batchSize: 32, epochs: 3, lr: 0.05 };

describe('trainRun', () => {
  for (const arch of ['plain', 'residual'] as const) {
    it(`${arch}: learns the pattern data from chance to < 5% train and test error in 3 epochs`, () => {
      const { epochs } = trainRun({ ...small, arch, seed: 1 }, { train, test });
      const last = epochs[epochs.length - 1];
      expect(last.trainError).toBeLessThan(0.05);
      expect(last.testError!).toBeLessThan(0.05);
      expect(last.trainLoss).toBeLessThan(epochs[0].trainLoss / 3);
    });
  }

  it('stays at chance with learning rate 0 (the control that the learning test can fail)', () => {
    const { epochs } = trainRun({ ...small, seed: 1, lr: 0 }, { train, test });
    for (const e of epochs) {
      expect(e.trainError).toBeGreaterThan(0.5);
      expect(e.testError!).toBeGreaterThan(0.5);
    }
  });

  it('is bit-identical for the same seed and differs for another seed', () => {
    const run = (seed: number) => trainRun({ ...small, arch: 'residual', epochs: 2, seed }, { train, test }).epochs;
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
  });

  it('counts every optimiser step in the progress callback, partial last batch included', () => {
    const calls: [number, number][] = [];
    const result = trainRun({ ...small, epochs: 2, batchSize: 64 }, { train }, (done, total) =>
      calls.push([done, total]),
    );
    // 600 rows in batches of 64: 9 full and one of 24 per epoch.
    expect(calls.length).toBe(20);
    expect(calls.every(([done, total], i) => done === i + 1 && total === 20)).toBe(true);
    expect(result.steps).toBe(20);
    expect(result.epochs.map((e) => e.testError)).toEqual([null, null]);
    expect(result.epochs.map((e) => e.trainEvalError)).toEqual([null, null]);
  });

  it('measures the eval-mode train error on request, the same with or without test data', () => {
    const { epochs } = trainRun({ ...small, seed: 1, evalTrainError: true }, { train, test });
    for (const e of epochs) expect(e.trainEvalError).toBeGreaterThanOrEqual(0);
    expect(epochs[epochs.length - 1].trainEvalError!).toBeLessThan(0.05);
    // Without test data nothing else changes: same training, same eval-mode train error.
    const noTest = trainRun({ ...small, seed: 1, evalTrainError: true }, { train });
    expect(noTest.epochs.map((e) => e.trainEvalError)).toEqual(epochs.map((e) => e.trainEvalError));
  });

  it('returns plain data with the resolved config', () => {
    const result = trainRun({ ...small, epochs: 1, arch: 'residual', branchScale: 'invSqrtBlocks' }, { train });
    expect(result.config.branchScale).toBe(1 / Math.sqrt(2)); // depth 6: two blocks
    expect(result.config.optimizer).toBe('sgd');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
