import type { Param } from './param.js';

/**
 * A layer of a training net on row-major mini-batches [batch × features]. forward keeps what
 * backward needs; backward takes dL/d(output) and returns dL/d(input) (both buffers owned by the
 * layer, valid until its next call) after writing (not accumulating) its parameters' gradients.
 */
export interface Layer {
  readonly inDim: number;
  readonly outDim: number;
  readonly params: Param[];
  /** Output for a batch of `batch` rows; `training` picks BatchNorm's batch statistics. */
  forward(x: Float64Array, batch: number, training: boolean): Float64Array;
  /** dL/d(input) from dL/d(output) for the batch of the last forward. */
  backward(dOut: Float64Array, batch: number): Float64Array;
}
