import type { TopLevelSpec } from 'vega-lite';
import type { CurvePalette } from '../palette.js';
import type { Band } from '../stats.js';
import { BAND_OPACITY, LINE_LEGEND, PLOT_HEIGHT, PLOT_WIDTH } from '../theme.js';
import { referenceLayer } from './bandSpec.js';
import { asSpec, bandRows, config } from './common.js';
import { depthX, logAxis, logY } from './logAxis.js';

/** A band of one variant: the Band (its arch) and the curve's label, e.g. `residual: preact, eta=1/sqrt(depth)`. */
export interface VariantBand extends Band {
  label: string;
}

/**
 * A quantity against depth with one median line and 25–75 % band per variant, in the report's colour for the
 * variant, as small multiples: one panel per run of at most six variants of an architecture (the palette's
 * panels), each with its legend below, all on one log y axis; dashed line at 1.
 */
export function variantRatioSpec(
  bands: readonly VariantBand[],
  xTitle: string,
  palette: CurvePalette,
  yTitle = 'First / last gradient ratio',
): TopLevelSpec {
  const rows = bandRows(bands).map((r, i) => ({ ...r, label: bands[i]!.label }));
  const axis = logAxis([...rows.flatMap((r) => [r.p25, r.p75, r.median]), 1]);
  const x = depthX(
    xTitle,
    bands.map((b) => b.x),
  );
  const tooltip = [
    { field: 'label', type: 'nominal' as const, title: 'variant' },
    { field: 'x', type: 'quantitative' as const, title: 'depth' },
    { field: 'median', type: 'quantitative' as const, format: '.3~g' },
    { field: 'p25', type: 'quantitative' as const, title: '25%', format: '.3~g' },
    { field: 'p75', type: 'quantitative' as const, title: '75%', format: '.3~g' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  const y = (field: string) => logY(field, yTitle, axis);
  const present = new Set(rows.map((r) => r.label));
  const panels = palette.panels
    .map((p) => ({ ...p, labels: p.labels.filter((l) => present.has(l)) }))
    .filter((p) => p.labels.length);
  const panel = (p: (typeof panels)[number]) => {
    const color = {
      field: 'label',
      type: 'nominal' as const,
      scale: { domain: p.labels, range: p.labels.map(palette.color) },
      legend: {
        ...LINE_LEGEND,
        // The panel's title names the architecture: the legend shows the variant alone.
        labelExpr: "indexof(datum.label, ': ') >= 0 ? slice(datum.label, indexof(datum.label, ': ') + 2) : datum.label",
      },
    };
    return {
      width: PLOT_WIDTH,
      height: PLOT_HEIGHT,
      ...(panels.length > 1 ? { title: p.title } : {}),
      data: { values: rows.filter((r) => p.labels.includes(r.label)) },
      layer: [
        {
          mark: { type: 'area', opacity: BAND_OPACITY.inner },
          encoding: { x, color, y: y('p25'), y2: { field: 'p75' } },
        },
        { mark: { type: 'line', point: { filled: true, size: 10 } }, encoding: { x, color, y: y('median'), tooltip } },
        referenceLayer(1),
      ],
    };
  };
  if (panels.length === 1) return asSpec({ config: config(), ...panel(panels[0]!) });
  return asSpec({
    config: config(),
    columns: 2,
    concat: panels.map(panel),
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
  });
}
