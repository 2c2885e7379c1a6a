import type { TopLevelSpec } from 'vega-lite';
import type { Band } from '../stats.js';
import { bandSpec } from './bandSpec.js';
import { depthTicks } from './logAxis.js';

/** Figure 2: first/last gradient ratio against depth (bands from depthBands), log y, dashed line at ratio 1; xTitle for a non-native depth unit. */
export function ratioDepthSpec(
  bands: readonly Band[],
  xTitle = 'Depth (plain: layers; residual: blocks)',
): TopLevelSpec {
  return bandSpec(bands, {
    xTitle,
    yTitle: 'First / last gradient ratio',
    reference: 1,
    xValues: depthTicks(bands.map((b) => b.x)).values,
  });
}
