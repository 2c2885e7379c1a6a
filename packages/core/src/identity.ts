import { createDense, denseForward, initDense } from './dense.js';
import type { Rng } from './rng.js';
import { norm } from './tensor.js';
import { checkFinite, checkInteger } from './validate.js';

/** What the identity-mapping demo shows: a block with tiny weights returns (almost) its input. */
export interface IdentityDemo {
  /** The input x. */
  x: Float64Array;
  /** The block's output F(x) + x. */
  output: Float64Array;
  /** output - x, i.e. F(x). */
  residual: Float64Array;
  inputNorm: number;
  outputNorm: number;
  /** ||F(x) + x - x||. */
  identityError: number;
}

/**
 * The notebook's identity-mapping cell: x = randn(size, 1), then a residual block whose He-initialised
 * weights are multiplied by weightScale (0.001), then one forward pass.
 */
export function identityDemo(rng: Rng, size = 16, weightScale = 0.001): IdentityDemo {
  checkInteger('size', size, 1);
  checkFinite('weightScale', weightScale);
  const x = rng.fillNormal(new Float64Array(size));
  const layer1 = initDense(createDense(size, size), rng);
  const layer2 = initDense(createDense(size, size), rng);
  for (const l of [layer1, layer2]) for (let i = 0; i < l.w.length; i++) l.w[i] *= weightScale;
  const z = new Float64Array(size);
  const inner = denseForward(layer1, x, 1, z, new Float64Array(size));
  const branch = denseForward(layer2, inner, 1, z, new Float64Array(size));
  const output = new Float64Array(size);
  const residual = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    output[i] = branch[i] + x[i];
    residual[i] = output[i] - x[i];
  }
  return { x, output, residual, inputNorm: norm(x), outputNorm: norm(output), identityError: norm(residual) };
}
