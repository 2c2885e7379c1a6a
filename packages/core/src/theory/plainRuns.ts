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

/** Per-seed sums that grow by seeds: extend(to) runs seeds [seeds, to) into sums. */
export interface SeedRun {
  readonly sums: GroupSums;
  /** Seeds run so far (seeds 0..seeds-1). */
  readonly seeds: number;
  extend(to: number): void;
}

/**
 * A plain ReLU net (square: inputSize = width) run seed by seed (createRng(seed): weights, x, then dout when
 * normal), summing per seed and layer l: ||h_l||^2 at [l], ||delta_l||^2 (the signal reaching layer l's output)
 * at [L + l] and ||dW_l||^2 at [2L + l].
 */
export function plainRun(spec: PlainRunSpec): SeedRun {
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
  let seeds = 0;
  return {
    sums,
    get seeds() {
      return seeds;
    },
    extend(to: number) {
      for (; seeds < to; seeds++) {
        const rng = createRng(seeds);
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
        sums.add(seeds, row);
      }
    },
  };
}

/** plainRun over seeds 0..seeds-1: the sums. */
export function plainRuns(spec: PlainRunSpec, seeds: number): GroupSums {
  const run = plainRun(spec);
  run.extend(seeds);
  return run.sums;
}
