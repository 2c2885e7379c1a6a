import { describe, expect, it } from 'vitest';
import {
  createRng,
  createTrainer,
  generatePatterns,
  patternsDataset,
  setTrainSimd,
  trainKernel,
  trainRun,
  type TrainOptions,
} from '@resnet/core';

// The notebook's 8x8 line patterns (3 classes), as trainRun.test.ts.
const train = patternsDataset(generatePatterns(createRng(100), 600, 8, 0.5));
const test = patternsDataset(generatePatterns(createRng(101), 300, 8, 0.5));
const small: TrainOptions = { depth: 6, width: 16, batchSize: 64, epochs: 2, lr: 0.05, seed: 4 };

describe('createTrainer', () => {
  it.each(['plain', 'residual'] as const)(
    '%s: steps one at a time to trainRun’s records, evaluations in between changing nothing',
    (arch) => {
      const options = { ...small, arch, evalTrainError: true };
      const reference = trainRun(options, { train, test });
      const trainer = createTrainer(options, { train, test });
      expect([trainer.stepsPerEpoch, trainer.totalSteps, trainer.steps, trainer.done]).toEqual([10, 20, 0, false]);
      const before = trainer.evaluate('test')!;
      expect(before.error).toBeGreaterThan(0.3); // untrained: near chance (2/3)
      const finished = [];
      for (let s = trainer.step(); s !== null; s = trainer.step()) {
        expect(s.batch).toBe(trainer.steps % 10 === 0 ? 24 : 64); // 600 rows: 9 batches of 64, then 24
        expect(s.errors).toBeLessThanOrEqual(s.batch);
        if (s.epoch) finished.push(s.epoch);
        expect(s.epoch === null).toBe(trainer.steps % 10 !== 0);
        // Evaluating in eval mode between steps must not change the run.
        if (trainer.steps % 3 === 0) {
          expect(trainer.evaluate('train')!.error).toBeGreaterThanOrEqual(0);
          expect(trainer.evaluate('test')!.loss).toBeGreaterThan(0);
        }
      }
      expect(trainer.done).toBe(true);
      expect(trainer.step()).toBeNull();
      expect(finished).toEqual(reference.epochs);
      expect(trainer.epochs).toEqual(reference.epochs);
      expect(trainer.result()).toEqual(reference);
      expect(trainer.evaluate('test')!.error).toBe(reference.epochs[1]!.testError);
    },
  );

  it('gives the run so far: finished epochs only', () => {
    const trainer = createTrainer(small, { train });
    for (let i = 0; i < 15; i++) trainer.step();
    const mid = trainer.result();
    expect(mid.steps).toBe(15);
    expect(mid.epochs.map((e) => e.epoch)).toEqual([1]);
    expect(trainer.evaluate('test')).toBeNull();
  });

  it('runs its net in the model’s memory: the same bits with the WebAssembly kernels and the JS ones', () => {
    const options = { ...small, arch: 'residual' as const, epochs: 1 };
    const trainer = createTrainer(options, { train, test });
    // The batch and dL/d(logits) are the model's own buffers, in its arena.
    expect(trainer.model.input.buffer).toBe(trainer.model.outputGrad.buffer);
    expect(trainer.model.input.buffer).toBe(trainer.model.params[0]!.value.buffer);
    while (trainer.step() !== null);
    setTrainSimd(false);
    try {
      expect(trainKernel()).toBe('js');
      expect(trainRun(options, { train, test })).toEqual(trainer.result());
    } finally {
      setTrainSimd(true);
    }
  });
});
