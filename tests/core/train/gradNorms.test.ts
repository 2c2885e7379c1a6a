import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng, createTrainer, generatePatterns, patternsDataset, trainRun } from '@resnet/core';
import { loadMnist } from '@resnet/data';

interface GoldenCase {
  arch: 'plain' | 'residual';
  depth: number;
  seed: number;
  batchNorm: boolean;
  gradNorms: number[];
}
// PyTorch (float64) on the same weights and digits: tests/fixtures/golden/generate/train_grad_norms.py.
const golden = JSON.parse(
  readFileSync(new URL('../../fixtures/golden/train_grad_norms.json', import.meta.url), 'utf8'),
) as { cases: GoldenCase[] };
const mnist = loadMnist();

describe('the gradient norms of a training run', () => {
  it.each(golden.cases.map((c) => [`${c.arch} ${c.depth} seed ${c.seed}${c.batchNorm ? '' : ' no BN'}`, c] as const))(
    '%s: ||dW|| per layer at initialisation equals PyTorch’s (rtol 1e-10)',
    (_, c) => {
      const trainer = createTrainer({ arch: c.arch, depth: c.depth, seed: c.seed, batchNorm: c.batchNorm }, mnist);
      expect(trainer.initGradNorms).toHaveLength(c.depth);
      for (let i = 0; i < c.depth; i++) {
        const want = c.gradNorms[i]!;
        expect(Math.abs(trainer.initGradNorms[i]! - want) / want, `layer ${i}`).toBeLessThan(1e-10);
      }
    },
  );

  it('shows He et al.’s point at 32 layers: the BatchNorm plain net’s gradients grow toward the input, not vanish', () => {
    const plain = golden.cases.find((c) => c.arch === 'plain' && c.depth === 32 && c.batchNorm)!.gradNorms;
    expect(plain[0]! / plain[31]!).toBeGreaterThan(100);
    const residual = golden.cases.find((c) => c.arch === 'residual' && c.depth === 32 && c.batchNorm)!.gradNorms;
    expect(residual[0]! / residual[31]!).toBeLessThan(20);
  });

  it('are measured without changing the run: after every epoch, and on request between steps', () => {
    const train = patternsDataset(generatePatterns(createRng(100), 600, 8, 0.5));
    const options = { arch: 'plain' as const, depth: 6, width: 16, batchSize: 64, epochs: 2, seed: 2 };
    const reference = trainRun(options, { train });
    const trainer = createTrainer(options, { train });
    const asked: number[][] = [];
    while (trainer.step() !== null) if (trainer.steps % 4 === 1) asked.push(trainer.gradNorms());
    expect(trainer.result()).toEqual(reference);
    // A measurement right after the epoch's last step is the epoch's record.
    expect(trainer.gradNorms()).toEqual(reference.epochs[1]!.gradNorms);
    expect(reference.initGradNorms).toHaveLength(6);
    expect(reference.epochs.map((e) => e.gradNorms.length)).toEqual([6, 6]);
    // Training moved them.
    expect(reference.epochs[1]!.gradNorms).not.toEqual(reference.initGradNorms);
    expect(asked.every((g) => g.length === 6 && g.every((v) => v > 0))).toBe(true);
  });
});
