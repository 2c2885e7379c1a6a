import { describe, expect, it } from 'vitest';
import { backward, createNetwork, createRng, createWorkspace, forward, gradientFlow, initWeights } from '@resnet/core';

/**
 * Prediction 1 of issue 10 (He et al. 2015 sec. 2.2): in a plain ReLU net with weights N(0, sigmaW2/fanIn),
 * square layers, no output ReLU and a zero-mean output gradient dout ~ N(0, I), E||h_l||^2 and E||delta_l||^2
 * change by sigmaW2/2 per layer: the slope of ln mean ||.||^2 per layer is ln(sigmaW2/2).
 */
const L = 10;
const SEEDS = 4000;
const BATCHES = 20;

/** Least-squares slope of ys against 0, 1, 2, ... */
function slope(ys: readonly number[]): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) ** 2;
  }
  return sxy / sxx;
}

/** Per batch of seeds, the mean squared forward norm of each hidden layer's output and of the backward signal reaching it. */
function measure(sigmaW2: number): { fwd: number[][]; bwd: number[][] } {
  const net = createNetwork({ arch: 'plain', depth: L, sigmaW2, outputActivation: 'linear' });
  const ws = createWorkspace(net);
  const dout = new Float64Array(16);
  const per = SEEDS / BATCHES;
  const fwd = Array.from({ length: BATCHES }, () => new Array<number>(L - 1).fill(0));
  const bwd = Array.from({ length: BATCHES }, () => new Array<number>(L - 1).fill(0));
  for (let seed = 0; seed < SEEDS; seed++) {
    const rng = createRng(seed);
    initWeights(net, rng);
    rng.fillNormal(ws.input);
    rng.fillNormal(dout);
    forward(net, ws);
    backward(net, ws, dout);
    const flow = gradientFlow(net, ws);
    const k = Math.floor(seed / per);
    // Hidden layers only (0..L-2): the last layer has no ReLU and a different law.
    for (let l = 0; l < L - 1; l++) {
      fwd[k][l] += flow.actNorms[l] ** 2 / per;
      bwd[k][l] += flow.signalNorms[l] ** 2 / per;
    }
  }
  return { fwd, bwd };
}

/** Slope over all seeds (ln of the pooled mean) and its standard error from the spread of the per-batch slopes. */
function slopeWithError(perBatch: number[][], sign: 1 | -1): { slope: number; se: number } {
  const pooled = perBatch[0].map((_, l) => perBatch.reduce((s, b) => s + b[l], 0) / perBatch.length);
  const batchSlopes = perBatch.map((b) => sign * slope(b.map(Math.log)));
  const m = batchSlopes.reduce((a, b) => a + b, 0) / batchSlopes.length;
  const sd = Math.sqrt(batchSlopes.reduce((s, v) => s + (v - m) ** 2, 0) / (batchSlopes.length - 1));
  return { slope: sign * slope(pooled.map(Math.log)), se: sd / Math.sqrt(batchSlopes.length) };
}

describe('prediction 1: plain ReLU net, N(0, sigmaW2/fanIn), dout ~ N(0, I), linear output', () => {
  it.each([1.5, 2, 2.5])(
    'sigmaW2 %s: forward and backward slopes of ln mean ||.||^2 per layer are ln(sigmaW2/2) within 4 standard errors',
    (s2) => {
      const { fwd, bwd } = measure(s2);
      const theory = Math.log(s2 / 2);
      // Forward: ||h_l||^2 grows with l. Backward: ||delta_l||^2 grows towards the input, i.e. with -l.
      for (const { slope: measured, se } of [slopeWithError(fwd, 1), slopeWithError(bwd, -1)]) {
        expect(se).toBeLessThan(0.01); // precise enough to tell sigmaW2 = 1.5, 2, 2.5 apart (slopes 0.22 to 0.29 apart)
        expect(Math.abs(measured - theory)).toBeLessThan(4 * se);
      }
    },
  );
});
