import type { Activation } from '../config.js';
import { gradientFlow } from '../metrics.js';
import { createNetwork, initWeights } from '../network.js';
import { backward, forward } from '../propagate.js';
import { createRng } from '../rng.js';
import { createWorkspace } from '../workspace.js';
import { GroupSums } from './jackknife.js';

/** A plain net measured by prediction 1: sizes, gain, output activation and the output gradient. */
export interface PlainRunSpec {
  depth: number;
  width: number;
  sigmaW2: number;
  outputActivation: Activation;
  /** dL/d(output): `normal` a fresh N(0, I) draw per seed (after x), `ones` the notebook's. */
  dout: 'normal' | 'ones';
}

/**
 * Runs a plain ReLU net (square: inputSize = width) over seeds 0..seeds-1 (createRng(seed): weights, x,
 * then dout when normal) and sums per seed, per layer l: ||h_l||^2 at [l], ||delta_l||^2 (the signal
 * reaching layer l's output) at [L + l] and ||dW_l||^2 at [2L + l].
 */
export function plainRuns(spec: PlainRunSpec, seeds: number): GroupSums {
  const L = spec.depth;
  const net = createNetwork({
    arch: 'plain',
    depth: L,
    width: spec.width,
    inputSize: spec.width,
    sigmaW2: spec.sigmaW2,
    outputActivation: spec.outputActivation,
  });
  const ws = createWorkspace(net, 1, { weightGrads: false });
  const dout = new Float64Array(spec.width).fill(1);
  const sums = new GroupSums(3 * L);
  const row = new Float64Array(3 * L);
  for (let seed = 0; seed < seeds; seed++) {
    const rng = createRng(seed);
    initWeights(net, rng);
    rng.fillNormal(ws.input);
    if (spec.dout === 'normal') rng.fillNormal(dout);
    forward(net, ws);
    backward(net, ws, dout);
    const flow = gradientFlow(net, ws);
    for (let l = 0; l < L; l++) {
      row[l] = flow.actNorms[l] ** 2;
      row[L + l] = flow.signalNorms[l] ** 2;
      row[2 * L + l] = flow.layerGradNorms[l] ** 2;
    }
    sums.add(seed, row);
  }
  return sums;
}

/** Least-squares slope of ys against 0, 1, 2, .... */
export function slope(ys: ArrayLike<number>): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i++) my += ys[i] / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) ** 2;
  }
  return sxy / sxx;
}
