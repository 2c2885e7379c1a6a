import type { DenseGrads } from './dense.js';
import type { Network } from './network.js';
import { checkInteger } from './validate.js';
import { OptionsError } from './errors.js';

/** Preallocated buffers for forward and backward passes of one network at one batch size. */
export interface Workspace {
  readonly batch: number;
  /** The input, [inputSize×batch]. */
  readonly input: Float64Array;
  /** Per layer: pre-activation z (the backward cache), [outDim×batch]. */
  readonly z: Float64Array[];
  /** Per layer: post-activation output, [outDim×batch]. */
  readonly a: Float64Array[];
  /** Per layer: dL/dz scratch. */
  readonly dz: Float64Array[];
  /** Per layer: dL/d(output), the backward signal reaching the layer. */
  readonly dOut: Float64Array[];
  /** Per layer: dL/dW and dL/db (empty arrays when weightGrads is false). */
  readonly grads: DenseGrads[];
  /** Residual: output of the input projection (index 0) and of each block after the skip add. */
  readonly blockOut: Float64Array[];
  /** Residual, per block: `original` the sum lambda·x + eta·branch before the activation; `preact` phi(x), layer 1's input. */
  readonly blockPre: Float64Array[];
  /** Residual: dL/d(blockOut[b]), the backward signal in the residual stream. */
  readonly blockGrad: Float64Array[];
  /** Residual: the branch's contribution to dL/d(block input), scratch. */
  readonly branchGrad: Float64Array;
  /** dL/d(input), [inputSize×batch]. */
  readonly inputGrad: Float64Array;
  /** Per layer: the buffer its forward reads (the input, or an earlier layer's or block's output). */
  readonly layerInput: Float64Array[];
  /** Whether backward writes dW and db; without them a batch of one still yields ||dW|| = ||dz||·||x||. */
  readonly weightGrads: boolean;
  /** Per layer: where backward writes dW and db (grads[l], or null when weightGrads is false). */
  readonly gradTargets: readonly (DenseGrads | null)[];
}

/** Options of createWorkspace. */
export interface WorkspaceOptions {
  /** Write dW and db in backward (default true). False is for gradient-norm measurement at batch 1 only. */
  weightGrads?: boolean;
}

/** Allocates every buffer a pass needs once, so passes allocate nothing. */
export function createWorkspace(net: Network, batch = 1, options: WorkspaceOptions = {}): Workspace {
  checkInteger('batch', batch, 1);
  const weightGrads = options.weightGrads ?? true;
  if (!weightGrads && batch !== 1)
    throw new OptionsError(
      'weightGrads',
      weightGrads,
      'true when batch > 1',
      'Only a batch of one has rank-1 weight gradients whose norm needs no dW.',
    );
  const { inputSize, width, arch, depth } = net.config;
  const n = net.layers.length;
  const blocks = arch === 'residual' ? depth + 1 : 0;
  const outs = net.layers.map((l) => l.outDim * batch);
  // One allocation carved into views: a workspace per network shape is built often in a sweep.
  const views = carve([
    ...outs,
    ...outs,
    ...outs,
    ...outs,
    ...net.layers.map((l) => (weightGrads ? l.outDim * l.inDim : 0)),
    ...net.layers.map((l) => (weightGrads ? l.outDim : 0)),
    ...Array<number>(2 * blocks + 1 + Math.max(blocks - 1, 0)).fill(width * batch),
    inputSize * batch,
    inputSize * batch,
  ]);
  const take = (count: number) => views.splice(0, count);
  const [z, a, dz, dOut, dW, db, blockOut, blockGrad] = [
    take(n),
    take(n),
    take(n),
    take(n),
    take(n),
    take(n),
    take(blocks),
    take(blocks),
  ];
  const blockPre = take(Math.max(blocks - 1, 0));
  const [branchGrad, input, inputGrad] = views as [Float64Array, Float64Array, Float64Array];
  const ws: Omit<Workspace, 'gradTargets'> & { gradTargets: (DenseGrads | null)[] } = {
    batch,
    input,
    z,
    a,
    dz,
    dOut,
    grads: dW.map((w, l) => ({ dW: w, db: db[l]! })),
    blockOut,
    blockGrad,
    blockPre,
    branchGrad,
    inputGrad,
    layerInput: [] as Float64Array[],
    weightGrads,
    gradTargets: [] as (DenseGrads | null)[],
  };
  ws.gradTargets = weightGrads ? ws.grads : ws.grads.map(() => null);
  for (let l = 0; l < net.layers.length; l++) ws.layerInput.push(layerInputOf(net, ws, l));
  return ws;
}

/** The buffer layer l reads in forward: plain, the previous output; residual, per its place in a block. */
function layerInputOf(
  net: Network,
  ws: Pick<Workspace, 'input' | 'a' | 'blockOut' | 'blockPre'>,
  l: number,
): Float64Array {
  if (l === 0) return ws.input;
  if (net.config.arch === 'plain') return ws.a[l - 1];
  if (l === net.layers.length - 1) return ws.blockOut[net.config.depth];
  const block = (l - 1) >> 1;
  if ((l - 1) % 2 === 1) return ws.a[l - 1];
  return net.config.block === 'preact' ? ws.blockPre[block] : ws.blockOut[block];
}

/** Views onto one new Float64Array, one view per length, in order. */
function carve(lengths: readonly number[]): Float64Array[] {
  let total = 0;
  for (const len of lengths) total += len;
  const arena = new Float64Array(total);
  const views: Float64Array[] = [];
  let at = 0;
  for (const len of lengths) {
    views.push(arena.subarray(at, at + len));
    at += len;
  }
  return views;
}

/** A workspace for `view`, whose layer k is layer indices[k] of ws's network: every buffer is shared with ws. */
export function workspaceView(view: Network, ws: Workspace, indices: readonly number[]): Workspace {
  const pick = <T>(xs: readonly T[]) => indices.map((i) => xs[i]!);
  const blocks = view.config.arch === 'residual' ? view.config.depth + 1 : 0;
  const out: Workspace = {
    ...ws,
    z: pick(ws.z),
    a: pick(ws.a),
    dz: pick(ws.dz),
    dOut: pick(ws.dOut),
    grads: pick(ws.grads),
    gradTargets: pick(ws.gradTargets),
    blockOut: ws.blockOut.slice(0, blocks),
    blockGrad: ws.blockGrad.slice(0, blocks),
    blockPre: ws.blockPre.slice(0, Math.max(blocks - 1, 0)),
    layerInput: [],
  };
  for (let l = 0; l < view.layers.length; l++) out.layerInput.push(layerInputOf(view, out, l));
  return out;
}
