import { resolveNetworkConfig, weightCount, type Arch, type NetworkConfig, type NetworkOptions } from './config.js';
import { gradientFlow, gradientFlowSizes, createGradientFlow, type GradientFlow } from './metrics.js';
import { createNetwork, initWeights, type Network } from './network.js';
import { backward, forward } from './propagate.js';
import { LegacyRandomState, StreamRng, type Rng } from './rng.js';
import { norm } from './tensor.js';
import { checkInteger, checkOneOf } from './validate.js';
import { createWorkspace, type Workspace } from './workspace.js';
import { ShapeError } from './errors.js';
import { depthView } from './depthView.js';
import { valueAt } from './perPosition.js';

/** The output gradient dL/dy a cell back-propagates: all ones (the notebook's), or N(0, I) drawn after x. */
export type Dout = 'ones' | 'normal';
/** Every accepted output gradient. */
export const DOUTS: readonly Dout[] = ['ones', 'normal'];

/** One cell of a sweep: a network (arch, depth and optional fields) and the seed of its RandomState. */
export interface CellSpec extends NetworkOptions {
  /** Seed of the cell's own numpy-compatible RandomState (integer 0..2^32-1). */
  seed: number;
  /** Output gradient; default 'ones' (the notebook's). 'normal' draws it from the same stream right after x. */
  dout?: Dout;
  /**
   * Inputs per cell (integer >= 1, default 1): x is randn(batch, inputSize) (row-major draws), the loss sums over
   * the batch, so each dW is the sum of the per-sample gradients; norms of activations and signals are Frobenius over the batch.
   */
  batch?: number;
}

/** Where each metric sits in a cell's flat Float64Array record. */
export interface CellLayout {
  /** Total record length. */
  length: number;
  xNorm: number;
  ratio: number;
  ratioEps: number;
  inputGradNorm: number;
  /** [offset, length] of each array metric. */
  gradNorms: readonly [number, number];
  layerGradNorms: readonly [number, number];
  actNorms: readonly [number, number];
  signalNorms: readonly [number, number];
}

/** A cell's metrics as a plain object (what a JSON line holds). */
export interface CellResult {
  arch: Arch;
  depth: number;
  seed: number;
  xNorm: number;
  ratio: number;
  ratioEps: number;
  inputGradNorm: number;
  gradNorms: number[];
  layerGradNorms: number[];
  actNorms: number[];
  signalNorms: number[];
}

/** Names of the scalar fields at the head of every record, in record order. */
export const CELL_SCALARS = ['xNorm', 'ratio', 'ratioEps', 'inputGradNorm'] as const;
/** Names of the array fields after the scalars, in record order. */
export const CELL_ARRAYS = ['gradNorms', 'layerGradNorms', 'actNorms', 'signalNorms'] as const;

/** Record layout for a network of this arch and depth: scalars first, then the arrays in CELL_ARRAYS order. */
export function cellLayout(config: Pick<NetworkConfig, 'arch' | 'depth'>): CellLayout {
  const s = gradientFlowSizes({ config: config as NetworkConfig });
  let at = CELL_SCALARS.length;
  const take = (n: number): readonly [number, number] => {
    const r = [at, n] as const;
    at += n;
    return r;
  };
  const gradNorms = take(s.grad);
  const layerGradNorms = take(s.layers);
  const actNorms = take(s.act);
  const signalNorms = take(s.layers);
  return {
    length: at,
    xNorm: 0,
    ratio: 1,
    ratioEps: 2,
    inputGradNorm: 3,
    gradNorms,
    layerGradNorms,
    actNorms,
    signalNorms,
  };
}

/** Normal draws a cell consumes: every weight, then the input x (batch x inputSize), then (dout 'normal') the output gradient (as many). */
export function cellNormalCount(config: NetworkConfig, dout: Dout = 'ones', batch = 1): number {
  return weightCount(config) + config.inputSize * batch * (dout === 'normal' ? 2 : 1);
}

interface Slot {
  net: Network;
  ws: Workspace;
  flow: GradientFlow;
  ones: Float64Array;
  /** The drawn output gradient of dout 'normal', [inputSize×batch] as the workspace holds it. */
  dout: Float64Array;
  /** Batch > 1: the draws of x or dout in numpy's (batch x inputSize) order, before their transpose into [inputSize×batch]. */
  draws: Float64Array | null;
  layout: CellLayout;
  normalCount: number;
}

/** Runs cells with buffers reused per network family (all depths share one set): after warm-up a cell allocates nothing. */
export class CellRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly families = new Map<string, { net: Network; ws: Workspace }>();
  private readonly rng = new LegacyRandomState(0);
  private readonly replay = new StreamRng(new Float64Array(0));

  /**
   * Runs one cell by the golden contract and writes its record (see cellLayout) at out[offset..].
   * With `stream` (the seed's normal draws, at least cellNormalCount long) no random number is drawn:
   * weights and x are read from its prefix, bit-identical to drawing them.
   */
  run(spec: CellSpec, out: Float64Array, offset = 0, stream?: Float64Array): CellLayout {
    const batch = checkInteger('batch', spec.batch ?? 1, 1);
    const slot = this.slot(spec, batch);
    const seed = checkInteger('seed', spec.seed, 0, 0xffffffff);
    const normal = checkOneOf('dout', spec.dout ?? 'ones', DOUTS) === 'normal';
    const { net, ws, flow, layout } = slot;
    if (offset + layout.length > out.length || offset < 0)
      throw new ShapeError('out', `at least ${offset + layout.length}`, out.length);
    let rng: Rng;
    if (stream) {
      const need = slot.normalCount + (normal ? slot.dout.length : 0);
      if (stream.length < need) throw new ShapeError('stream', `at least ${need}`, stream.length);
      this.replay.reset(stream);
      rng = this.replay;
    } else {
      this.rng.seed(seed);
      rng = this.rng;
    }
    initWeights(net, rng);
    drawMatrix(rng, ws.input, slot.draws, batch);
    if (normal) drawMatrix(rng, slot.dout, slot.draws, batch);
    forward(net, ws);
    backward(net, ws, normal ? slot.dout : slot.ones);
    gradientFlow(net, ws, flow);
    out[offset + layout.xNorm] = norm(ws.input);
    out[offset + layout.ratio] = flow.ratio;
    out[offset + layout.ratioEps] = flow.ratioEps;
    out[offset + layout.inputGradNorm] = flow.inputGradNorm;
    for (const name of CELL_ARRAYS) out.set(flow[name], offset + layout[name][0]);
    return layout;
  }

  private slot(spec: CellSpec, batch: number): Slot {
    // Per-position arrays are part of the slot (the view's config), not of the family: buffers do not depend on them.
    const family = `${spec.arch}|${spec.width}|${spec.inputSize}|${spec.init}|${spec.activation}|${spec.outputActivation}|${spec.inputActivation}|${scalarKey(spec.branchScale)}|${scalarKey(spec.shortcutScale)}|${spec.block}|${scalarKey(spec.sigmaW2)}|${batch}`;
    const key = `${family}|${spec.depth}|${arrayKey(spec.branchScale)}|${arrayKey(spec.shortcutScale)}|${arrayKey(spec.sigmaW2)}`;
    let slot = this.slots.get(key);
    if (!slot) {
      const config = resolveNetworkConfig(spec);
      // One set of buffers per family, deep enough for this depth, viewed at each depth.
      let base = this.families.get(family);
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
        this.families.set(family, base);
      }
      const { net, ws } = depthView(base.net, base.ws, config.depth, config);
      slot = {
        net,
        ws,
        flow: createGradientFlow(net),
        ones: new Float64Array(config.inputSize * batch).fill(1),
        dout: new Float64Array(config.inputSize * batch),
        draws: batch > 1 ? new Float64Array(config.inputSize * batch) : null,
        layout: cellLayout(config),
        normalCount: cellNormalCount(config, 'ones', batch),
      };
      this.slots.set(key, slot);
    }
    return slot;
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

/** A per-position setting's part of a family key: the scalar itself, or one marker for every array. */
function scalarKey(value: CellSpec['branchScale']): string {
  return Array.isArray(value) ? 'per-position' : String(value);
}

/** A per-position setting's part of a slot key: its values when an array ('' for a scalar, already in the family key). */
function arrayKey(value: CellSpec['branchScale']): string {
  return Array.isArray(value) ? value.join(',') : '';
}

const defaultRunner = new CellRunner();

/**
 * Runs one cell (a fresh RandomState(seed): all weights in construction order, then x (randn(batch, inputSize)); one forward;
 * backward from dout = ones, or N(0, I) drawn after x with dout 'normal') and writes its metrics into out at offset. Returns the record layout.
 */
export function cell(spec: CellSpec, out: Float64Array, offset = 0, stream?: Float64Array): CellLayout {
  return defaultRunner.run(spec, out, offset, stream);
}

/** Reads a record written by cell() back into a plain object. */
export function decodeCell(spec: CellSpec, record: Float64Array, offset = 0): CellResult {
  const layout = cellLayout(resolveNetworkConfig(spec));
  const arr = (f: (typeof CELL_ARRAYS)[number]) =>
    Array.from(record.subarray(offset + layout[f][0], offset + layout[f][0] + layout[f][1]));
  return {
    arch: spec.arch,
    depth: spec.depth,
    seed: spec.seed,
    xNorm: record[offset + layout.xNorm],
    ratio: record[offset + layout.ratio],
    ratioEps: record[offset + layout.ratioEps],
    inputGradNorm: record[offset + layout.inputGradNorm],
    gradNorms: arr('gradNorms'),
    layerGradNorms: arr('layerGradNorms'),
    actNorms: arr('actNorms'),
    signalNorms: arr('signalNorms'),
  };
}

/** Runs one cell and returns its metrics as a plain object (allocates; for one-off use). */
export function runCell(spec: CellSpec): CellResult {
  const layout = cellLayout(resolveNetworkConfig(spec));
  const record = new Float64Array(layout.length);
  cell(spec, record);
  return decodeCell(spec, record);
}
