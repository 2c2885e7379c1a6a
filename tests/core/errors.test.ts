import { describe, expect, it } from 'vitest';
import {
  NonFiniteInputError,
  OptionsError,
  ShapeError,
  createNetwork,
  createRng,
  generatePatterns,
  measureGradientFlow,
  runCell,
} from '@resnet/core';

describe('bad input throws a typed error saying what was expected and what was given', () => {
  it('rejects a plain depth below 2', () => {
    expect(() => runCell({ arch: 'plain', depth: 1, seed: 0 })).toThrow(OptionsError);
    expect(() => runCell({ arch: 'plain', depth: 1, seed: 0 })).toThrow(/^depth must be an integer >= 2; got 1\.$/);
  });

  it('rejects a residual depth below 1', () => {
    expect(() => runCell({ arch: 'residual', depth: 0, seed: 0 })).toThrow(/^depth must be an integer >= 1; got 0\.$/);
  });

  it.each([
    [{ arch: 'plain', depth: 5, seed: -1 }, /seed must be an integer from 0 to 4294967295; got -1/],
    [{ arch: 'plain', depth: 5, seed: 2.5 }, /seed must be an integer from 0 to 4294967295; got 2\.5/],
    [{ arch: 'plain', depth: 4.5, seed: 0 }, /depth must be an integer >= 2; got 4\.5/],
    [{ arch: 'plain', depth: 5, seed: 0, width: 0 }, /width must be an integer >= 1; got 0/],
    [{ arch: 'plain', depth: 5, seed: 0, inputSize: -3 }, /inputSize must be an integer >= 1; got -3/],
    [{ arch: 'plain', depth: 5, seed: 0, width: '16' }, /width must be an integer >= 1; got "16"/],
    [{ arch: 'dense', depth: 5, seed: 0 }, /arch must be one of "plain", "residual"; got "dense"/],
    [{ arch: 'residual', depth: 2, seed: 0, branchScale: NaN }, /branchScale must be a finite number; got NaN/],
    [
      { arch: 'residual', depth: 2, seed: 0, block: 'bottleneck' },
      /^block must be one of "notebook", "original", "preact"; got "bottleneck"\.$/,
    ],
    [
      { arch: 'plain', depth: 3, seed: 0, init: 'glorot' },
      /^init must be one of "he", "xavier", "lecun", "orthogonal"; got "glorot"\.$/,
    ],
    [{ arch: 'plain', depth: 3, seed: 0, sigmaW2: -1 }, /^sigmaW2 must be a finite number >= 0; got -1\.$/],
    [{ arch: 'plain', depth: 3, seed: 0, sigmaW2: Infinity }, /^sigmaW2 must be a finite number >= 0; got Infinity\.$/],
    [
      { arch: 'plain', depth: 3, seed: 0, activation: 'sigmoid' },
      /^activation must be one of "relu", "tanh", "linear"; got "sigmoid"\.$/,
    ],
    [
      { arch: 'plain', depth: 3, seed: 0, outputActivation: 'softmax' },
      /^outputActivation must be one of "relu", "tanh", "linear"; got "softmax"\.$/,
    ],
    [{ arch: 'residual', depth: 2, seed: 0, shortcutScale: '1' }, /^shortcutScale must be a finite number; got "1"\.$/],
  ])('rejects %o', (spec, message) => {
    expect(() => runCell(spec as never)).toThrow(OptionsError);
    expect(() => runCell(spec as never)).toThrow(message);
  });

  it('names the option on the error object', () => {
    try {
      createNetwork({ arch: 'plain', depth: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(OptionsError);
      expect((e as OptionsError).option).toBe('depth');
      expect((e as OptionsError).received).toBe(1);
    }
  });

  it('rejects NaN and infinite input', () => {
    const net = createNetwork({ arch: 'residual', depth: 2 }, createRng(0));
    const x = new Float64Array(16).fill(1);
    x[5] = NaN;
    expect(() => measureGradientFlow(net, x)).toThrow(NonFiniteInputError);
    expect(() => measureGradientFlow(net, x)).toThrow(/^x\[5\] is NaN; every element must be a finite number\.$/);
    x[5] = Infinity;
    expect(() => measureGradientFlow(net, x)).toThrow(/x\[5\] is Infinity/);
  });

  it('rejects input of the wrong size', () => {
    const net = createNetwork({ arch: 'plain', depth: 3 }, createRng(0));
    expect(() => measureGradientFlow(net, new Float64Array(15))).toThrow(ShapeError);
    expect(() => measureGradientFlow(net, new Float64Array(32), { batch: 3 })).toThrow(
      /x must have inputSize×batch = 48 elements; got 32/,
    );
  });

  it('rejects pattern sizes too small to hold the lines', () => {
    expect(() => generatePatterns(createRng(0), 10, 3)).toThrow(/size must be an integer >= 4; got 3/);
    expect(() => generatePatterns(createRng(0), 0, 8)).toThrow(/numSamples must be an integer >= 1; got 0/);
  });
});
