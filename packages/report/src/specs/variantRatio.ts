import type { TopLevelSpec } from 'vega-lite';
import type { Band } from '../stats.js';
import { BAND_OPACITY } from '../theme.js';
import { bandRows, layeredSpec } from './common.js';
import { referenceLayer } from './bandSpec.js';
import { depthX, logAxis, logY } from './logAxis.js';

/** A band of one variant: the Band (its arch) and the curve's label, e.g. `residual: preact, eta=1/sqrt(depth)`. */
export interface VariantBand extends Band {
  label: string;
}

/**
 * The first/last ratio against depth with one median line and 25–75 % band per variant, colour = the
 * variant's label (legend below the plot, labels can be long); log y, dashed line at 1.
 */
export function variantRatioSpec(
  bands: readonly VariantBand[],
  xTitle: string,
  yTitle = 'First / last gradient ratio',
): TopLevelSpec {
  const labels = [...new Set(bands.map((b) => b.label))];
  const rows = bandRows(bands).map((r, i) => ({ ...r, label: bands[i]!.label }));
  const axis = logAxis([...rows.flatMap((r) => [r.p25, r.p75, r.median]), 1]);
  const x = depthX(
    xTitle,
    bands.map((b) => b.x),
  );
  const color = {
    field: 'label',
    type: 'nominal' as const,
    scale: { domain: labels, scheme: 'tableau10' },
    legend: {
      title: null,
      orient: 'bottom',
      direction: 'vertical',
      symbolType: 'stroke',
      symbolStrokeWidth: 2,
      symbolOpacity: 1,
      labelLimit: 400,
    },
  };
  const tooltip = [
    { field: 'label', type: 'nominal' as const, title: 'variant' },
    { field: 'x', type: 'quantitative' as const, title: 'depth' },
    { field: 'median', type: 'quantitative' as const, format: '.3~g' },
    { field: 'p25', type: 'quantitative' as const, title: '25%', format: '.3~g' },
    { field: 'p75', type: 'quantitative' as const, title: '75%', format: '.3~g' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  const y = (field: string) => logY(field, yTitle, axis);
  return layeredSpec(rows, [
    { mark: { type: 'area', opacity: BAND_OPACITY.inner }, encoding: { x, color, y: y('p25'), y2: { field: 'p75' } } },
    { mark: { type: 'line', point: { filled: true, size: 10 } }, encoding: { x, color, y: y('median'), tooltip } },
    referenceLayer(1),
  ]);
}
