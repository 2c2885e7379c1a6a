import { describe, expect, it } from 'vitest';
import { backward, createNetwork, createRng, createWorkspace, forward, type NetworkOptions } from '@resnet/core';
import { numericGradient, relativeError } from './helpers/gradcheck.js';

/** loss = c · output for a fixed random c: a linear functional, not a plain sum. */
function setup(options: NetworkOptions, batch: number, seed: number) {
  const rng = createRng(seed);
  const net = createNetwork(options, rng);
  const ws = createWorkspace(net, batch);
  const x = rng.fillNormal(new Float64Array(net.config.inputSize * batch));
  const c = rng.fillNormal(new Float64Array(net.config.inputSize * batch));
  const loss = () => {
    const out = forward(net, ws, x);
    let s = 0;
    for (let i = 0; i < c.length; i++) s += c[i] * out[i];
    return s;
  };
  return { net, ws, x, c, loss };
}

const cases: [string, NetworkOptions, number][] = [
  ['plain depth 2', { arch: 'plain', depth: 2 }, 1],
  ['plain depth 6, batch 3', { arch: 'plain', depth: 6 }, 3],
  [
    'plain depth 4, width 7, input 5, linear output',
    { arch: 'plain', depth: 4, width: 7, inputSize: 5, outputActivation: 'linear' },
    2,
  ],
  ['residual depth 1', { arch: 'residual', depth: 1 }, 1],
  ['residual depth 5, batch 2', { arch: 'residual', depth: 5 }, 2],
  [
    'residual depth 3, scaled branch and shortcut, xavier',
    { arch: 'residual', depth: 3, branchScale: 0.5, shortcutScale: 0.9, init: 'xavier' },
    2,
  ],
  ['residual depth 3, width 9, input 4', { arch: 'residual', depth: 3, width: 9, inputSize: 4 }, 1],
  // Issue 10 variants: every block kind, with and without scales; every init; every activation.
  ['residual depth 3, original block', { arch: 'residual', depth: 3, block: 'original' }, 2],
  ['residual depth 3, preact block', { arch: 'residual', depth: 3, block: 'preact' }, 2],
  [
    'residual depth 4, original block, eta 0.5, lambda 0.9',
    { arch: 'residual', depth: 4, block: 'original', branchScale: 0.5, shortcutScale: 0.9 },
    1,
  ],
  [
    'residual depth 4, preact block, eta 0.5, lambda 1.2',
    { arch: 'residual', depth: 4, block: 'preact', branchScale: 0.5, shortcutScale: 1.2 },
    1,
  ],
  [
    'residual depth 3, notebook block, eta 0 (ReZero at init), lambda 0.8',
    { arch: 'residual', depth: 3, branchScale: 0, shortcutScale: 0.8 },
    2,
  ],
  ['residual depth 3, preact block, eta 0', { arch: 'residual', depth: 3, block: 'preact', branchScale: 0 }, 1],
  ['plain depth 5, lecun init', { arch: 'plain', depth: 5, init: 'lecun' }, 2],
  [
    'plain depth 5, orthogonal init, width 9, input 5',
    { arch: 'plain', depth: 5, init: 'orthogonal', width: 9, inputSize: 5 },
    2,
  ],
  ['residual depth 3, orthogonal init, sigmaW2 2', { arch: 'residual', depth: 3, init: 'orthogonal', sigmaW2: 2 }, 1],
  ['plain depth 5, sigmaW2 2.5', { arch: 'plain', depth: 5, sigmaW2: 2.5 }, 1],
  [
    'plain depth 5, tanh, linear output',
    { arch: 'plain', depth: 5, activation: 'tanh', outputActivation: 'linear' },
    2,
  ],
  [
    'plain depth 4, linear everywhere',
    { arch: 'plain', depth: 4, activation: 'linear', outputActivation: 'linear' },
    1,
  ],
  ['plain depth 4, tanh output', { arch: 'plain', depth: 4, outputActivation: 'tanh' }, 1],
  ['residual depth 3, tanh, notebook block', { arch: 'residual', depth: 3, activation: 'tanh' }, 2],
  ['residual depth 3, tanh, original block', { arch: 'residual', depth: 3, activation: 'tanh', block: 'original' }, 1],
  [
    'residual depth 3, tanh, preact block, eta 0.7',
    { arch: 'residual', depth: 3, activation: 'tanh', block: 'preact', branchScale: 0.7 },
    2,
  ],
  ['residual depth 3, linear, preact block', { arch: 'residual', depth: 3, activation: 'linear', block: 'preact' }, 1],
  [
    'residual depth 3, preact block, linear input projection',
    { arch: 'residual', depth: 3, block: 'preact', inputActivation: 'linear' },
    2,
  ],
  // Per-position settings: eta_b, lambda_b per block and sigma_w^2 per weight layer.
  [
    'residual depth 4, notebook block, eta_b 1/sqrt(b), lambda_b varying',
    { arch: 'residual', depth: 4, branchScale: [1, 0.71, 0.58, 0.5], shortcutScale: [1.1, 0.9, 0.8, 1.3] },
    2,
  ],
  [
    'residual depth 3, original block, per-block eta and lambda',
    { arch: 'residual', depth: 3, block: 'original', branchScale: [0.3, 0.9, 0.6], shortcutScale: [0.7, 1.2, 1] },
    1,
  ],
  [
    'residual depth 3, preact tanh, per-block eta with a zero',
    {
      arch: 'residual',
      depth: 3,
      block: 'preact',
      activation: 'tanh',
      branchScale: [0.8, 0, 1.4],
      shortcutScale: [1, 0.6, 0.9],
    },
    2,
  ],
  [
    'plain depth 5, sigmaW2 per layer 2 + 0.1*layer',
    { arch: 'plain', depth: 5, sigmaW2: [2.1, 2.2, 2.3, 2.4, 2.5] },
    2,
  ],
  [
    'residual depth 2, per-layer sigmaW2, per-block eta, orthogonal',
    { arch: 'residual', depth: 2, init: 'orthogonal', sigmaW2: [1, 2, 0.5, 3, 1.5, 2], branchScale: [0.4, 0.9] },
    1,
  ],
];

describe('backward agrees with central finite differences on loss = c·output', () => {
  it.each(cases)('%s: dW, db and dx within 1e-6 relative', (_name, options, batch) => {
    const { net, ws, x, c, loss } = setup(options, batch, 11);
    loss();
    backward(net, ws, c);
    for (const [l, layer] of net.layers.entries()) {
      expect(relativeError(ws.grads[l].dW, numericGradient(loss, layer.w))).toBeLessThan(1e-6);
      expect(relativeError(ws.grads[l].db, numericGradient(loss, layer.b))).toBeLessThan(1e-6);
    }
    const dx = Float64Array.from(ws.inputGrad);
    expect(relativeError(dx, numericGradient(loss, x))).toBeLessThan(1e-6);
  });

  it('finds a wrong gradient: a perturbed dW fails the same check', () => {
    const { net, ws, c, loss } = setup({ arch: 'residual', depth: 2 }, 1, 3);
    loss();
    backward(net, ws, c);
    const wrong = Float64Array.from(ws.grads[1].dW);
    wrong[0] += 1e-3 * (Math.abs(wrong[0]) + 1);
    expect(relativeError(wrong, numericGradient(loss, net.layers[1].w))).toBeGreaterThan(1e-6);
  });

  it('adds the incoming gradient through the skip: dL/dx = dL/dy·(dF/dx + I), exactly', () => {
    const { net, ws, c, loss } = setup({ arch: 'residual', depth: 2 }, 1, 5);
    loss();
    backward(net, ws, c);
    // branchGrad holds block 0's branch contribution after the pass.
    const expected = Float64Array.from(ws.branchGrad, (v, i) => v + ws.blockGrad[1][i]);
    expect(ws.blockGrad[0]).toEqual(expected);
  });

  it('passes the gradient through unchanged where a block branch is zero (F = 0 gives the identity)', () => {
    const { net, ws, c, loss } = setup({ arch: 'residual', depth: 3 }, 1, 8);
    net.layers[3].w.fill(0);
    net.layers[4].w.fill(0);
    loss();
    backward(net, ws, c);
    expect(ws.blockOut[2]).toEqual(ws.blockOut[1]);
    expect(ws.blockGrad[1]).toEqual(ws.blockGrad[2]);
  });
});
