import { describe, expect, it } from 'vitest';
import {
  createModel,
  createRng,
  type ModelOptions,
  type Model,
  resolveTrainOptions,
  softmaxCrossEntropy,
} from '@resnet/core';
import { numericGradient, relativeError } from '../helpers/gradcheck.js';

const INPUT = 4;
const CLASSES = 3;

function build(options: ModelOptions, batch: number, seed = 1): Model {
  return createModel(resolveTrainOptions({ width: 5, ...options }), INPUT, CLASSES, batch, createRng(seed));
}

/** Randomises BN gammas/betas, biases and running statistics so no parameter sits at a special value. */
function perturb(model: Model, seed: number): void {
  const rng = createRng(seed);
  for (const p of model.params)
    if (!p.name.endsWith('.w')) for (let i = 0; i < p.value.length; i++) p.value[i] += 0.3 * rng.normal();
}

describe('training nets', () => {
  const cases: [string, ModelOptions][] = [
    ['plain depth 2', { arch: 'plain', depth: 2 }],
    ['plain depth 5 with BatchNorm', { arch: 'plain', depth: 5 }],
    ['plain depth 4 without BatchNorm', { arch: 'plain', depth: 4, batchNorm: false }],
    ['residual depth 6 with BatchNorm', { arch: 'residual', depth: 6 }],
    [
      'residual depth 6 without BatchNorm, eta 1/sqrt(blocks)',
      { arch: 'residual', depth: 6, batchNorm: false, branchScale: 'invSqrtBlocks' },
    ],
    [
      'residual depth 4, zero-initialised branches, eta 0.5',
      { arch: 'residual', depth: 4, zeroInitBranch: true, branchScale: 0.5 },
    ],
  ];
  for (const [name, options] of cases) {
    for (const training of [true, false]) {
      it(`${name}: every parameter gradient passes the finite-difference check (${training ? 'train' : 'eval'} mode)`, () => {
        const batch = 6;
        const model = build(options, batch);
        perturb(model, 2);
        const rng = createRng(3);
        const x = rng.fillNormal(new Float64Array(batch * INPUT));
        const y = new Int32Array([0, 1, 2, 2, 1, 0]);
        const d = new Float64Array(batch * CLASSES);
        const loss = () => softmaxCrossEntropy(model.forward(x, batch, training), y, batch, CLASSES, d).loss;
        loss();
        model.backward(d, batch);
        // Train-mode BatchNorm removes any per-feature constant, so every bias that feeds one (all
        // but the head's) has an exactly zero gradient: checked in absolute terms, not relative.
        const batchStats = training && options.batchNorm !== false;
        for (const p of model.params) {
          const analytic = Float64Array.from(p.grad);
          const numeric = numericGradient(loss, p.value);
          if (batchStats && p.name.endsWith('.b') && p.name !== 'head.b') {
            expect(Math.max(...analytic.map(Math.abs)), p.name).toBeLessThan(1e-15);
            expect(Math.max(...numeric.map(Math.abs)), p.name).toBeLessThan(1e-8);
          } else {
            expect(relativeError(analytic, numeric), p.name).toBeLessThan(1e-6);
          }
        }
      });
    }
  }

  it('has exactly depth dense layers, and equal weight counts for plain and residual at the same depth', () => {
    for (const depth of [4, 8, 16]) {
      const plain = build({ arch: 'plain', depth }, 2);
      const residual = build({ arch: 'residual', depth }, 2);
      expect(plain.linears.length).toBe(depth);
      expect(residual.linears.length).toBe(depth);
      const count = (m: Model) => m.params.reduce((s, p) => s + p.value.length, 0);
      expect(count(plain)).toBe(count(residual));
    }
  });

  it('draws He-normal weights from the seed: same seed identical, other seed different', () => {
    const w = (seed: number) =>
      build({ arch: 'residual', depth: 6 }, 2, seed).linears.flatMap((l) => Array.from(l.w.value));
    expect(w(4)).toEqual(w(4));
    expect(w(4)).not.toEqual(w(5));
    // The first layer is randn(width, input) * sqrt(2 / input) from RandomState(4).
    const expected = createRng(4).fillNormal(new Float64Array(5 * INPUT), 0, 5 * INPUT, Math.sqrt(2 / INPUT));
    expect(w(4).slice(0, 5 * INPUT)).toEqual(Array.from(expected));
  });

  it('zero-initialises the last dense layer of each branch, so a fresh residual net skips its blocks', () => {
    const zero = build({ arch: 'residual', depth: 8, zeroInitBranch: true }, 2);
    const drawn = build({ arch: 'residual', depth: 8 }, 2);
    // Layers: stem, (first, last) per block, head; only every block's last is zero.
    const isZero = zero.linears.map((l) => l.w.value.every((v) => v === 0));
    expect(isZero).toEqual([false, false, true, false, true, false, true, false]);
    expect(Array.from(zero.linears[1].w.value)).toEqual(Array.from(drawn.linears[1].w.value));
  });
});
