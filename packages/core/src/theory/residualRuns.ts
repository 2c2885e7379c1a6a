import type { Activation, Block } from '../config.js';
import type { PerPosition } from '../perPosition.js';
import { createNetwork, initWeights, type Network } from '../network.js';
import { backward, forward } from '../propagate.js';
import { createRng } from '../rng.js';
import { createWorkspace, type Workspace } from '../workspace.js';

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
 * Runs the net over seeds 0..seeds-1 (createRng(seed): weights, x; one forward, one backward from
 * dout = ones) and hands each seed's network and workspace to visit (blockOut and blockGrad hold the stream).
 */
export function residualRuns(
  spec: ResidualRunSpec,
  seeds: number,
  visit: (seed: number, ws: Workspace, net: Network) => void,
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
  for (let seed = 0; seed < seeds; seed++) {
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
