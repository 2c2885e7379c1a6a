import { ShapeError } from './errors.js';
import { gradientFlow, type GradientFlow } from './metrics.js';
import type { Network } from './network.js';
import { backward, forward } from './propagate.js';
import type { Rng } from './rng.js';
import { checkAllFinite, checkInteger } from './validate.js';
import { createWorkspace } from './workspace.js';

/** Options of measureGradientFlow. */
export interface MeasureOptions {
  /** Number of columns (samples) in x; default 1. */
  batch?: number;
  /** dL/d(output), [inputSize×batch]; default ones, as the notebook. */
  dOutput?: Float64Array;
}

/**
 * One forward and backward pass on input x ([inputSize×batch], columns are samples) and the
 * gradient-flow metrics. Validates x and dOutput: lengths and finiteness.
 */
export function measureGradientFlow(net: Network, x: Float64Array, options: MeasureOptions = {}): GradientFlow {
  const batch = checkInteger('batch', options.batch ?? 1, 1);
  const size = net.config.inputSize * batch;
  if (!(x instanceof Float64Array) || x.length !== size)
    throw new ShapeError('x', `inputSize×batch = ${size}`, x?.length ?? 0);
  checkAllFinite('x', x);
  const dOutput = options.dOutput ?? new Float64Array(size).fill(1);
  if (dOutput.length !== size) throw new ShapeError('dOutput', size, dOutput.length);
  checkAllFinite('dOutput', dOutput);
  const ws = createWorkspace(net, batch);
  forward(net, ws, x);
  backward(net, ws, dOutput);
  return gradientFlow(net, ws);
}

/** The notebook's measure_gradient_flow: draws x = randn(inputSize, 1) from rng, then one pass with dout = ones. */
export function measureWithRandomInput(net: Network, rng: Rng): GradientFlow {
  const x = rng.fillNormal(new Float64Array(net.config.inputSize));
  return measureGradientFlow(net, x);
}
