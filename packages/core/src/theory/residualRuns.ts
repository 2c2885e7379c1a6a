import type { Activation, Block } from '../config.js';
import type { PerPosition } from '../perPosition.js';
import { createNetwork, initWeights, type Network } from '../network.js';
import { backward, forward } from '../propagate.js';
import { createRng } from '../rng.js';
import { createWorkspace, type Workspace } from '../workspace.js';
import { norm } from '../tensor.js';
import { GroupSums } from './jackknife.js';
import type { SeedRun } from './plainRuns.js';

/** A residual net as predictions 2 to 4 run it (He init, ReLU, square: inputSize = width). */
export interface ResidualRunSpec {
  blocks: number;
  width: number;
  block: Block;
  branchScale: PerPosition;
  shortcutScale: number;
  inputActivation?: Activation;
}

/**
 * Runs the net over seeds from..to-1 (createRng(seed): weights, x; one forward, one backward from
 * dout = ones) and hands each seed's network and workspace to visit (blockOut and blockGrad hold the stream).
 */
export function residualRuns(
  spec: ResidualRunSpec,
  to: number,
  visit: (seed: number, ws: Workspace, net: Network) => void,
  from = 0,
): void {
  const net = createNetwork({
    arch: 'residual',
    depth: spec.blocks,
    width: spec.width,
    inputSize: spec.width,
    block: spec.block,
    branchScale: spec.branchScale,
    shortcutScale: spec.shortcutScale,
    ...(spec.inputActivation ? { inputActivation: spec.inputActivation } : {}),
  });
  const ws = createWorkspace(net, 1, { weightGrads: false });
  const dout = new Float64Array(spec.width).fill(1);
  for (let seed = from; seed < to; seed++) {
    const rng = createRng(seed);
    initWeights(net, rng);
    rng.fillNormal(ws.input);
    forward(net, ws);
    backward(net, ws, dout);
    visit(seed, ws, net);
  }
}

/** Euclidean norm of a - b. */
export function distance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** A SeedRun of a residual stream; `dead` counts seeds whose stream starts at x_0 = 0 (left out, see streamRun). */
export interface StreamRun extends SeedRun {
  readonly dead: number;
}

/**
 * A residual net's stream, seed by seed: per seed ||x_b||^2 at [b] (b = 0..B) and ln(||x_B|| / ||x_0||) / B at
 * [B + 1], the layout of prediction 4's laws (streamLaws.ts). A seed whose ReLU input projection is dead (x_0 = 0,
 * hence x_b = 0 at every block) has no growth to measure: it is counted in `dead` and left out, which leaves every
 * ratio of means unchanged (it adds 0 to each mean).
 */
export function streamRun(spec: ResidualRunSpec): StreamRun {
  const B = spec.blocks;
  const sums = new GroupSums(B + 2);
  const row = new Float64Array(B + 2);
  let seeds = 0;
  let dead = 0;
  return {
    sums,
    get seeds() {
      return seeds;
    },
    get dead() {
      return dead;
    },
    extend(to: number) {
      residualRuns(
        spec,
        to,
        (seed, ws) => {
          for (let b = 0; b <= B; b++) row[b] = norm(ws.blockOut[b]) ** 2;
          if (row[0] === 0) {
            dead++;
            return;
          }
          row[B + 1] = Math.log(row[B] / row[0]) / (2 * B);
          sums.add(seed, row);
        },
        seeds,
      );
      seeds = Math.max(seeds, to);
    },
  };
}
