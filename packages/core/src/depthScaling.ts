import { kDefaultNetworkConfig } from './config.js';
import { measureWithRandomInput } from './measure.js';
import { createNetwork } from './network.js';
import type { Rng } from './rng.js';
import { checkInteger } from './validate.js';

/** One row of the notebook's depth-scaling table. */
export interface DepthScalingRow {
  depth: number;
  /** Plain net's first/(last + 1e-10) gradient-norm ratio. */
  plainRatio: number;
  /** Residual net's first/(last + 1e-10) ratio (depth counted in blocks). */
  resnetRatio: number;
  /** plainRatio / resnetRatio, what the notebook calls "ResNet better by". */
  better: number;
}

/** The notebook's default depths for test_depth_scaling. */
export const NOTEBOOK_DEPTHS: readonly number[] = [5, 10, 20, 30, 40];

/**
 * The notebook's test_depth_scaling: for each depth, build a plain net then a residual net from the
 * shared rng, then measure each (drawing one x each). One seed per depth, exactly as the notebook.
 */
export function depthScaling(
  rng: Rng,
  depths: readonly number[] = NOTEBOOK_DEPTHS,
  size = kDefaultNetworkConfig.width,
): DepthScalingRow[] {
  checkInteger('size', size, 1);
  return depths.map((depth, i) => {
    checkInteger(`depths[${i}]`, depth, 2);
    const plain = createNetwork({ arch: 'plain', depth, inputSize: size, width: size }, rng);
    const res = createNetwork({ arch: 'residual', depth, inputSize: size, width: size }, rng);
    const plainRatio = measureWithRandomInput(plain, rng).ratioEps;
    const resnetRatio = measureWithRandomInput(res, rng).ratioEps;
    return { depth, plainRatio, resnetRatio, better: plainRatio / resnetRatio };
  });
}
