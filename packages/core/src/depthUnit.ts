import type { Arch } from './config.js';
import { OptionsError } from './errors.js';
import { checkInteger, checkOneOf } from './validate.js';
import { weightLayerCount } from './weightLayerCount.js';

/**
 * How a depth value is read: `native` as the notebook does (plain: weight layers, residual: blocks;
 * unequal layer counts); `layers` as weight layers and `blocks` as residual blocks (a plain net gets the
 * 2B+2 weight layers of B blocks): with either, plain and residual at the same value have the same count.
 */
export type DepthUnit = 'native' | 'layers' | 'blocks';

/** Every accepted depth unit. */
export const DEPTH_UNITS: readonly DepthUnit[] = ['native', 'layers', 'blocks'];

/** Residual blocks B with 2B+2 = layers weight layers; layers must be even and >= 4. */
export function blocksForWeightLayers(layers: number, option = 'layers'): number {
  checkInteger(option, layers, 4);
  if (layers % 2 !== 0)
    throw new OptionsError(option, layers, 'an even number of weight layers >= 4 (a residual net has 2*blocks+2)');
  return (layers - 2) / 2;
}

/** The `depth` field of a NetworkConfig for a depth value in a unit (validated; errors name `depth`). */
export function depthFor(spec: { arch: Arch; unit: DepthUnit; value: number }): number {
  const unit = checkOneOf('depthUnit', spec.unit, DEPTH_UNITS);
  const arch = checkOneOf('arch', spec.arch, ['plain', 'residual'] as const);
  if (unit === 'native') return checkInteger('depth', spec.value, arch === 'plain' ? 2 : 1);
  if (unit === 'layers')
    return arch === 'plain' ? checkInteger('depth', spec.value, 2) : blocksForWeightLayers(spec.value, 'depth');
  const blocks = checkInteger('depth', spec.value, 1);
  return arch === 'plain' ? weightLayerCount('residual', blocks) : blocks;
}
