import { describe, expect, it } from 'vitest';
import {
  OptionsError,
  backward,
  cell,
  cellLayout,
  CellRunner,
  createNetwork,
  createRng,
  createWorkspace,
  forward,
  LegacyRandomState,
  resolveNetworkConfig,
  valueAt,
  type NetworkOptions,
} from '@resnet/core';

/** Forward and backward (dout = ones) of a net drawn from seed; returns copies of the output and the input gradient. */
function run(options: NetworkOptions, seed: number) {
  const rng = createRng(seed);
  const net = createNetwork(options, rng);
  const ws = createWorkspace(net);
  const out = Float64Array.from(forward(net, ws, rng.fillNormal(new Float64Array(net.config.inputSize))));
  const dx = Float64Array.from(backward(net, ws, new Float64Array(net.config.inputSize).fill(1)));
  return { net, out, dx, grads: ws.grads.map((g) => Float64Array.from(g.dW)) };
}

describe('per-position settings: arrays of one value per block or weight layer', () => {
  it.each(['notebook', 'original', 'preact'] as const)(
    '%s block: an array repeating one value is bit-identical to that scalar',
    (block) => {
      const scalar = run({ arch: 'residual', depth: 5, block, branchScale: 0.7, shortcutScale: 1.1, sigmaW2: 1.8 }, 4);
      const array = run(
        {
          arch: 'residual',
          depth: 5,
          block,
          branchScale: Array(5).fill(0.7),
          shortcutScale: Array(5).fill(1.1),
          sigmaW2: Array(12).fill(1.8),
        },
        4,
      );
      expect(array.out).toEqual(scalar.out);
      expect(array.dx).toEqual(scalar.dx);
      expect(array.grads).toEqual(scalar.grads);
    },
  );

  it('per-block values change the result (the arrays are read)', () => {
    const scalar = run({ arch: 'residual', depth: 3, branchScale: 1 }, 4);
    const array = run({ arch: 'residual', depth: 3, branchScale: [1, 1, 0.5] }, 4);
    expect(array.out).not.toEqual(scalar.out);
  });

  it('per-layer sigmaW2 draws layer l as randn(out, in) * sqrt(sigmaW2[l] / fanIn), in construction order', () => {
    const sigmaW2 = [2.1, 2.2, 2.3, 2.4, 2.5];
    const net = createNetwork({ arch: 'plain', depth: 5, width: 6, inputSize: 3, sigmaW2 }, new LegacyRandomState(7));
    const normals = new LegacyRandomState(7).fillNormal(new Float64Array(net.weights.length));
    let at = 0;
    for (const [l, layer] of net.layers.entries()) {
      const scale = Math.sqrt(sigmaW2[l] / layer.inDim);
      for (let i = 0; i < layer.w.length; i++) expect(layer.w[i]).toBe(normals[at + i] * scale);
      at += layer.w.length;
    }
  });

  it('cell() runs per-position specs and keeps them apart from scalar ones of the same family', () => {
    const base = { arch: 'residual', depth: 4, seed: 3 } as const;
    const record = (spec: Parameters<typeof cell>[0]) => {
      const out = new Float64Array(cellLayout(resolveNetworkConfig(spec)).length);
      cell(spec, out);
      return out;
    };
    const a = record({ ...base, branchScale: [1, 0.7, 0.58, 0.5] });
    const s = record({ ...base, branchScale: 0.5 });
    const b = record({ ...base, branchScale: [0.5, 0.5, 0.5, 0.5] });
    expect(b).toEqual(s);
    expect(record({ ...base, branchScale: [1, 0.7, 0.58, 0.5] })).toEqual(a);
    expect(a).not.toEqual(s);
    // Each equals a fresh runner's (no buffers shared with any other spec).
    for (const [spec, got] of [
      [{ ...base, branchScale: [1, 0.7, 0.58, 0.5] }, a],
      [{ ...base, branchScale: 0.5 }, s],
    ] as const) {
      const out = new Float64Array(got.length);
      new CellRunner().run(spec, out);
      expect(out).toEqual(got);
    }
  });

  it('valueAt reads a scalar everywhere and an array by position', () => {
    expect(valueAt(2, 7)).toBe(2);
    expect(valueAt([1, 2, 3], 2)).toBe(3);
  });

  it('resolveNetworkConfig freezes a copy of the arrays', () => {
    const eta = [1, 2];
    const c = resolveNetworkConfig({ arch: 'residual', depth: 2, branchScale: eta });
    eta[0] = 9;
    expect(c.branchScale).toEqual([1, 2]);
    expect(Object.isFrozen(c.branchScale)).toBe(true);
  });
});

describe('per-position validation names the field and the expected length', () => {
  it.each([
    [
      { arch: 'residual', depth: 3, branchScale: [1, 1] },
      /^branchScale must be a number or an array of 3 finite numbers \(one per residual block\); got an array of length 2\. It has 2 entries\./,
    ],
    [
      { arch: 'residual', depth: 3, shortcutScale: [1, 1, 1, 1] },
      /^shortcutScale must be a number or an array of 3 finite numbers \(one per residual block\)/,
    ],
    [
      { arch: 'residual', depth: 2, sigmaW2: [2, 2, 2] },
      /^sigmaW2 must be a number or an array of 6 finite numbers >= 0 \(one per weight layer\)/,
    ],
    [
      { arch: 'plain', depth: 4, sigmaW2: [2, 2, 2] },
      /^sigmaW2 must be a number or an array of 4 finite numbers >= 0 \(one per weight layer\)/,
    ],
    [{ arch: 'plain', depth: 3, sigmaW2: [2, -1, 2] }, /^sigmaW2\[1\] must be a finite number >= 0; got -1/],
    [
      { arch: 'residual', depth: 2, branchScale: [1, Number.NaN] },
      /^branchScale\[1\] must be a finite number; got NaN/,
    ],
    [
      { arch: 'plain', depth: 3, branchScale: [1, 1, 1] },
      /^branchScale must be a finite number; got an array of length 3\. A plain net has no blocks/,
    ],
  ] as [NetworkOptions, RegExp][])('%o', (options, message) => {
    expect(() => resolveNetworkConfig(options)).toThrow(OptionsError);
    expect(() => resolveNetworkConfig(options)).toThrow(message);
  });
});
