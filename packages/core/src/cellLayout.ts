import { weightCount, type Arch, type NetworkConfig, type NetworkOptions } from './config.js';
import { gradientFlowSizes } from './metrics.js';

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
  /** Scale of the input (finite, default 1): x is drawn as above, then multiplied by it (dout is not). */
  inputScale?: number;
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
