import { describe, expect, it } from 'vitest';
import {
  backward,
  createNetwork,
  createRng,
  createWorkspace,
  denseBackward,
  forward,
  gradientFlow,
  norm,
  type Block,
  type NetworkOptions,
} from '@resnet/core';

const BLOCKS: Block[] = ['notebook', 'original', 'preact'];

/** One pass of a residual net from seed, dout = ones (the notebook's contract), with everything kept. */
function pass(options: NetworkOptions, seed: number, zeroSecondLayers = false) {
  const rng = createRng(seed);
  const net = createNetwork(options, rng);
  if (zeroSecondLayers) for (let b = 0; b < net.config.depth; b++) net.layers[2 + 2 * b].w.fill(0);
  const ws = createWorkspace(net);
  forward(net, ws, rng.fillNormal(new Float64Array(net.config.inputSize)));
  backward(net, ws, new Float64Array(net.config.inputSize).fill(1));
  return { net, ws, flow: gradientFlow(net, ws) };
}

/** a[i] === b[i] for every i (so +0 and -0 count as equal, unlike toEqual). */
function same(a: Float64Array, b: ArrayLike<number>): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

describe('prediction 3: branchScale 0 (ReZero / SkipInit) makes the residual stream the identity at init', () => {
  it.each(BLOCKS)('%s block: every block output equals its input exactly, at depth 12 over 5 seeds', (block) => {
    for (let seed = 0; seed < 5; seed++) {
      const { ws } = pass({ arch: 'residual', depth: 12, block, branchScale: 0 }, seed);
      for (let b = 1; b <= 12; b++) expect(same(ws.blockOut[b], ws.blockOut[0]), `block ${b} seed ${seed}`).toBe(true);
    }
  });

  it.each(BLOCKS)(
    '%s block: the gradient reaches the input unchanged (input grad = input_proj backward of dL/dx_B)',
    (block) => {
      for (let seed = 0; seed < 5; seed++) {
        const { net, ws } = pass({ arch: 'residual', depth: 12, block, branchScale: 0 }, seed);
        const gB = ws.blockGrad[12];
        for (let b = 0; b < 12; b++) {
          // original applies phi' = 1[x > 0] after each add: the stream's zeros (x_0 = relu(.) = 0) take no gradient.
          const expected = block === 'original' ? gB.map((v, i) => v * (ws.blockOut[0][i] > 0 ? 1 : 0)) : gB;
          expect(same(ws.blockGrad[b], expected), `block ${b} seed ${seed}`).toBe(true);
        }
        // A network with no blocks at all: input_proj's backward fed dL/dx_B directly.
        const first = net.layers[0];
        const dx = new Float64Array(first.inDim);
        denseBackward(first, ws.input, ws.z[0], gB, 1, new Float64Array(first.outDim), null, dx);
        expect(same(ws.inputGrad, dx)).toBe(true);
      }
    },
  );

  it('is not the identity with branchScale 1 (the check can fail)', () => {
    const { ws } = pass({ arch: 'residual', depth: 3, branchScale: 1 }, 0);
    expect(same(ws.blockOut[1], ws.blockOut[0])).toBe(false);
    expect(same(ws.blockGrad[0], ws.blockGrad[3])).toBe(false);
  });
});

describe('prediction 2: a zero branch with shortcut scale lambda gives ||delta_b|| = lambda^(B-b) ||delta_B||', () => {
  const B = 10;
  /** actSignalNorms[b] = ||dL/dx_b|| for b = 0..B. */
  const deltas = (options: Partial<NetworkOptions>, seed: number, zeroW2 = false) =>
    pass({ ...options, arch: 'residual', depth: B }, seed, zeroW2).flow.actSignalNorms;

  it.each([
    ['notebook', 'eta 0', { block: 'notebook', branchScale: 0 }, false],
    ['preact', 'eta 0', { block: 'preact', branchScale: 0 }, false],
    ['notebook', 'W2 = 0, eta 1', { block: 'notebook' }, true],
    ['preact', 'W2 = 0, eta 0.7', { block: 'preact', branchScale: 0.7 }, true],
  ] as const)(
    '%s block (%s): exactly (bit for bit) for lambda 0.5 and 2, and within 1e-14 for lambda 0.9 and 1.1',
    (_b, _how, options, zeroW2) => {
      for (const lambda of [0.5, 2]) {
        for (let seed = 0; seed < 3; seed++) {
          const d = deltas({ ...options, shortcutScale: lambda }, seed, zeroW2);
          for (let b = 0; b <= B; b++) expect(d[b], `lambda ${lambda} b ${b}`).toBe(lambda ** (B - b) * d[B]);
        }
      }
      for (const lambda of [0.9, 1.1]) {
        const d = deltas({ ...options, shortcutScale: lambda }, 1, zeroW2);
        for (let b = 0; b <= B; b++) expect(Math.abs(d[b] / (lambda ** (B - b) * d[B]) - 1)).toBeLessThan(1e-14);
      }
    },
  );

  it('original block (relu after the add): the same law for b < B on the masked signal, and the stream scales by lambda forward', () => {
    for (const lambda of [0.5, 2]) {
      const { ws, flow } = pass(
        { arch: 'residual', depth: B, block: 'original', branchScale: 0, shortcutScale: lambda },
        2,
      );
      const masked = ws.blockGrad[B].map((v, i) => v * (ws.blockOut[0][i] > 0 ? 1 : 0));
      const n = norm(masked);
      for (let b = 0; b < B; b++) expect(flow.actSignalNorms[b]).toBe(lambda ** (B - b) * n);
      for (let b = 0; b <= B; b++) expect(flow.actNorms[b]).toBe(lambda ** b * flow.actNorms[0]);
    }
  });

  it.each(BLOCKS.filter((b) => b !== 'original'))(
    '%s block, per-block lambda_b, eta 0: ||delta_b|| = prod_{j>b} lambda_j ||delta_B||, bit for bit with powers of two',
    (block) => {
      const pow2 = [0.5, 2, 1, 4, 0.25, 2, 0.5, 0.5, 2, 1];
      const other = [0.9, 1.1, 0.7, 1.3, 1, 0.8, 1.2, 0.95, 1.05, 0.6];
      for (const lambdas of [pow2, other]) {
        for (let seed = 0; seed < 3; seed++) {
          const d = deltas({ block, branchScale: 0, shortcutScale: lambdas }, seed);
          let prod = 1;
          for (let b = B; b >= 0; b--) {
            // lambdas[j] is block j+1's: delta_b = lambda_{b+1} ... lambda_B delta_B (1-based blocks).
            if (b < B) prod *= lambdas[b];
            if (lambdas === pow2) expect(d[b], `b ${b} seed ${seed}`).toBe(prod * d[B]);
            else expect(Math.abs(d[b] / (prod * d[B]) - 1), `b ${b} seed ${seed}`).toBeLessThan(1e-14);
          }
        }
      }
    },
  );

  it('per-block lambda_b fails the law when a branch is live (eta_b = 1 at block 4)', () => {
    const lambdas = [0.5, 2, 1, 4, 0.25, 2, 0.5, 0.5, 2, 1];
    const eta = Array.from({ length: B }, (_, j) => (j === 3 ? 1 : 0));
    const d = deltas({ branchScale: eta, shortcutScale: lambdas }, 0);
    const prod = lambdas.reduce((p, v) => p * v, 1);
    expect(Math.abs(d[0] / (prod * d[B]) - 1)).toBeGreaterThan(1e-3);
  });

  it('fails when the branch is not zero (eta 1, lambda 0.5)', () => {
    const d = deltas({ shortcutScale: 0.5 }, 0);
    expect(Math.abs(d[0] / (0.5 ** B * d[B]) - 1)).toBeGreaterThan(1e-3);
  });
});

describe('the metrics a report needs: signalNorms and actSignalNorms', () => {
  it('plain: actSignalNorms equals signalNorms (||dL/dh_l|| per layer) and ||dW_l|| = ||dL/dz_l||·||h_{l-1}||', () => {
    const { ws, flow } = pass({ arch: 'plain', depth: 6 }, 3);
    expect(flow.actSignalNorms).toEqual(flow.signalNorms);
    expect(flow.signalNorms[5]).toBe(4); // dL/d(output) = ones(16)
    for (let l = 0; l < 6; l++)
      expect(Math.abs(flow.layerGradNorms[l] / (norm(ws.dz[l]) * norm(ws.layerInput[l])) - 1)).toBeLessThan(1e-14);
  });

  it('residual: actSignalNorms is the stream signal ||dL/dx_b|| (b = 0..B) then ||dL/d(output)||; signalNorms of a notebook branch layer is |eta|·||dL/dx_{b+1}||', () => {
    const { ws, flow } = pass({ arch: 'residual', depth: 4, branchScale: 0.5 }, 3);
    expect(flow.actSignalNorms).toHaveLength(6);
    for (let b = 0; b <= 4; b++) expect(flow.actSignalNorms[b]).toBe(norm(ws.blockGrad[b]));
    expect(flow.actSignalNorms[5]).toBe(4);
    for (let b = 0; b < 4; b++)
      expect(flow.signalNorms[2 + 2 * b]).toBe(Math.sqrt(ws.blockGrad[b + 1].reduce((s, v) => s + (0.5 * v) ** 2, 0)));
    expect(flow.signalNorms[0]).toBe(flow.actSignalNorms[0]);
  });
});
