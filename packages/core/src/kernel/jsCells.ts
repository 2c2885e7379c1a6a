// The JS cell kernel: dense.ts, propagate.ts and metrics.ts on buffers reused per network family (all depths
// share one set). Today's reference path, and the kernel wherever WebAssembly is unavailable.
import { createGradientFlow, gradientFlow, type GradientFlow } from '../metrics.js';
import { cellLayout, cellNormalCount, type CellLayout, type Dout } from '../cellLayout.js';
import type { NetworkConfig } from '../config.js';
import { depthView } from '../depthView.js';
import { createNetwork, initWeights, type Network } from '../network.js';
import { networkKey } from '../networkKey.js';
import { valueAt } from '../perPosition.js';
import { backward, forward } from '../propagate.js';
import { LegacyRandomState, StreamRng, type Rng } from '../rng.js';
import { norm } from '../tensor.js';
import { createWorkspace, type Workspace } from '../workspace.js';
import { SeedStream } from './seedStream.js';
import { CELL_ARRAYS } from '../cellLayout.js';

/** One cell shape on the JS kernel: a depth view of its family's network and workspace. */
export interface JsShape {
  net: Network;
  ws: Workspace;
  flow: GradientFlow;
  ones: Float64Array;
  /** The drawn output gradient of dout 'normal', [inputSize×batch] as the workspace holds it. */
  dout: Float64Array;
  /** Batch > 1: the draws of x or dout in numpy's (batch x inputSize) order, before their transpose into [inputSize×batch]. */
  draws: Float64Array | null;
  normal: boolean;
  batch: number;
  /** x is multiplied by it after it is drawn (1: as drawn). */
  inputScale: number;
  layout: CellLayout;
  /** Normals a cell reads: weights, x and (dout 'normal') the output gradient. */
  need: number;
}

/** Runs cells with the JS kernel; after warm-up a cell allocates nothing. */
export class JsCells {
  private readonly families = new Map<string, { net: Network; ws: Workspace }>();
  private readonly replay = new StreamRng(new Float64Array(0));
  private own = new Float64Array(0);
  private readonly rng = new LegacyRandomState(0);
  private readonly seeds = new SeedStream({
    seed: (seed) => this.rng.seed(seed),
    fill: (from, to) => this.rng.fillNormal(this.own, from, to),
  });

  /** The shape of cells of a resolved config, batch, dout and input scale (buffers shared with every depth of its family). */
  prepare(config: NetworkConfig, batch: number, dout: Dout, inputScale = 1): JsShape {
    // Buffers depend on every field but the depth and the per-position values (the view's config supplies those).
    const familyKey = `${networkKey({ ...config, depth: 0, branchScale: 0, shortcutScale: 0, sigmaW2: 0 })}batch=${batch}`;
    let base = this.families.get(familyKey);
    if (!base || base.net.config.depth < config.depth) {
      const scalars = {
        branchScale: valueAt(config.branchScale, 0),
        shortcutScale: valueAt(config.shortcutScale, 0),
        sigmaW2: valueAt(config.sigmaW2, 0),
      };
      const net = createNetwork({
        ...config,
        ...scalars,
        depth: Math.max(config.depth, 2 * (base?.net.config.depth ?? 0), 40),
      });
      // A batch of one needs no dW (its norm is ||dz||·||x||); a larger batch's dW is a sum of rank-one terms.
      base = { net, ws: createWorkspace(net, batch, { weightGrads: batch > 1 }) };
      this.families.set(familyKey, base);
    }
    const { net, ws } = depthView(base.net, base.ws, config.depth, config);
    return {
      net,
      ws,
      flow: createGradientFlow(net),
      ones: new Float64Array(config.inputSize * batch).fill(1),
      dout: new Float64Array(config.inputSize * batch),
      draws: batch > 1 ? new Float64Array(config.inputSize * batch) : null,
      normal: dout === 'normal',
      batch,
      inputScale,
      layout: cellLayout(config),
      need: cellNormalCount(config, dout, batch),
    };
  }

  /** Runs one cell of `shape` for seed (its stream given, or drawn once per seed) and writes its record at out[offset..]. */
  run(shape: JsShape, seed: number, out: Float64Array, offset: number, stream?: Float64Array): void {
    if (!stream) {
      if (this.own.length < shape.need) {
        const grown = new Float64Array(Math.max(shape.need, 2 * this.own.length));
        grown.set(this.own.subarray(0, this.seeds.count));
        this.own = grown;
      }
      this.seeds.fill(seed, shape.need);
    }
    this.replay.reset(stream ?? this.own);
    const rng: Rng = this.replay;
    const { net, ws, flow, layout, batch } = shape;
    initWeights(net, rng);
    drawMatrix(rng, ws.input, shape.draws, batch);
    if (shape.inputScale !== 1) for (let i = 0; i < ws.input.length; i++) ws.input[i] *= shape.inputScale;
    if (shape.normal) drawMatrix(rng, shape.dout, shape.draws, batch);
    forward(net, ws);
    backward(net, ws, shape.normal ? shape.dout : shape.ones);
    gradientFlow(net, ws, flow);
    out[offset + layout.xNorm] = norm(ws.input);
    out[offset + layout.ratio] = flow.ratio;
    out[offset + layout.ratioEps] = flow.ratioEps;
    out[offset + layout.inputGradNorm] = flow.inputGradNorm;
    for (const name of CELL_ARRAYS) out.set(flow[name], offset + layout[name][0]);
  }
}

/**
 * Draws a (batch x rows) matrix as numpy's randn(batch, rows) would (row-major: sample by sample) into out, which holds
 * it as [rows×batch] (one column per sample, the workspace's layout). Batch 1 draws straight into out.
 */
function drawMatrix(rng: Rng, out: Float64Array, draws: Float64Array | null, batch: number): void {
  if (draws === null) {
    rng.fillNormal(out, 0, out.length);
    return;
  }
  rng.fillNormal(draws, 0, draws.length);
  const rows = out.length / batch;
  for (let s = 0; s < batch; s++) for (let i = 0; i < rows; i++) out[i * batch + s] = draws[s * rows + i];
}
