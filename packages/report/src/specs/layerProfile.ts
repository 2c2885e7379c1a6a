import type { TopLevelSpec } from 'vega-lite';
import type { Band, LayerMetric } from '../stats.js';
import { bandSpec } from './bandSpec.js';

/** What the y axis of a per-layer profile says for each metric. */
export const METRIC_TITLES: Readonly<Record<LayerMetric, string>> = {
  layerGradNorms: 'Weight gradient ‖dW‖ (per layer)',
  gradNorms: 'Gradient norm (notebook grad_norms)',
  actNorms: 'Activation norm ‖a‖',
  signalNorms: 'Backward signal ‖dL/da‖',
};

/**
 * Figures 1 and 3: a per-layer profile at one depth (bands from layerBands), x = relative depth 0..1
 * (first weight layer to last), log y.
 */
export function layerProfileSpec(bands: readonly Band[], metric: LayerMetric): TopLevelSpec {
  return bandSpec(bands, {
    xTitle: 'Relative depth (0 = input layer, 1 = output layer)',
    yTitle: METRIC_TITLES[metric],
    xDomain: [0, 1],
  });
}
