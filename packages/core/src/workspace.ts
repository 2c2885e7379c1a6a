import type { DenseGrads } from './dense.js';
import type { Network } from './network.js';
import { checkInteger } from './validate.js';

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
  /** Per layer: dL/dW and dL/db. */
  readonly grads: DenseGrads[];
  /** Residual: output of the input projection (index 0) and of each block after the skip add. */
  readonly blockOut: Float64Array[];
  /** Residual: dL/d(blockOut[b]). */
  readonly blockGrad: Float64Array[];
  /** Residual: the branch's contribution to dL/d(block input), scratch. */
  readonly branchGrad: Float64Array;
  /** dL/d(input), [inputSize×batch]. */
  readonly inputGrad: Float64Array;
}

/** Allocates every buffer a pass needs once, so passes allocate nothing. */
export function createWorkspace(net: Network, batch = 1): Workspace {
  checkInteger('batch', batch, 1);
  const { inputSize, width, arch, depth } = net.config;
  const perLayer = (size: (o: number, i: number) => number) => net.layers.map((l) => new Float64Array(size(l.outDim, l.inDim)));
  const blocks = arch === 'residual' ? depth + 1 : 0;
  const wide = () => new Float64Array(width * batch);
  return {
    batch,
    input: new Float64Array(inputSize * batch),
    z: perLayer((o) => o * batch),
    a: perLayer((o) => o * batch),
    dz: perLayer((o) => o * batch),
    dOut: perLayer((o) => o * batch),
    grads: net.layers.map((l) => ({ dW: new Float64Array(l.outDim * l.inDim), db: new Float64Array(l.outDim) })),
    blockOut: Array.from({ length: blocks }, wide),
    blockGrad: Array.from({ length: blocks }, wide),
    branchGrad: wide(),
    inputGrad: new Float64Array(inputSize * batch),
  };
}
