import { wasmFor } from './kernels.js';
import type { Param } from './param.js';

/**
 * One SGD step with PyTorch semantics: g = grad + weightDecay·p; buf = momentum·buf + g (buf = g on
 * the first step); p -= lr·buf. Buffers are one Float64Array per parameter, zero at the start.
 * elementwise.wat's sgd runs it where a parameter and its buffer live in a kernels' memory (same bits).
 */
export function sgdStep(
  params: Param[],
  buffers: Float64Array[],
  lr: number,
  momentum: number,
  weightDecay: number,
  first: boolean,
): void {
  for (let k = 0; k < params.length; k++) {
    const { value, grad } = params[k];
    const buf = buffers[k];
    const wasm = wasmFor(value, grad, buf);
    if (wasm !== undefined) {
      wasm.sgd(value.byteOffset, grad.byteOffset, buf.byteOffset, value.length, lr, momentum, weightDecay, +first);
      continue;
    }
    // Two loops rather than a `first` test per element.
    if (first) {
      for (let i = 0; i < value.length; i++) {
        const g = grad[i] + weightDecay * value[i];
        buf[i] = g;
        value[i] -= lr * g;
      }
    } else {
      for (let i = 0; i < value.length; i++) {
        const v = momentum * buf[i] + (grad[i] + weightDecay * value[i]);
        buf[i] = v;
        value[i] -= lr * v;
      }
    }
  }
}
