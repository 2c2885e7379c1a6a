import { maxOf } from '@resnet/core';
import type { RunRecord, TrainSummaryRow } from '@resnet/sweep/train';
import { type CurvePalette, curvePalette } from '../palette.js';
import { asSpec, config, type Figure } from '../specs/common.js';
import { logAxis, logY } from '../specs/logAxis.js';
import { BAND_OPACITY, PLOT_HEIGHT, PLOT_WIDTH } from '../theme.js';
import { gradNormFindings } from './gradNormFindings.js';
import { type GradNormRow, gradNormRows, shownDepths } from './gradNormRows.js';
import { archOf, type RunPlace } from './runPlace.js';

// ||dW|| per weight layer at initialisation and after the last epoch (runs files' gradNorms), plain vs residual at
// each depth: the figure that shows whether the plain nets that train worse are starved of gradient.

/** Small multiples of ||dW|| against layer: a column per depth, a row per time; median lines, min-max bands, log y. */
export function gradNormSpec(rows: readonly GradNormRow[], palette: CurvePalette) {
  const series = [...new Set(rows.map((r) => r.series))];
  const axis = logAxis(rows.flatMap((r) => [r.min, r.max, r.median]));
  const y = (field: string) => logY(field, '‖dW‖ per weight layer', axis);
  const x = {
    field: 'layer',
    type: 'quantitative' as const,
    title: 'weight layer (1 = input)',
    scale: { zero: false, nice: false },
    axis: { tickCount: 4, format: 'd', tickMinStep: 1 },
  };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: series, range: series.map((s) => palette.color(s)) },
    legend: {
      title: null,
      orient: 'bottom',
      symbolType: 'stroke',
      symbolStrokeWidth: 2,
      symbolOpacity: 1,
      labelLimit: 400,
    },
  };
  // Residual lines dashed, so a residual line drawn over the plain one (4 layers: one block) leaves it visible.
  const strokeDash = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: series, range: series.map((s) => (archOf(s) === 'plain' ? [1, 0] : [4, 2])) },
    // Merged into the colour legend (same field); `legend: null` here drew the same and made vega-lite warn.
  };
  const tooltip = [
    { field: 'series', type: 'nominal' as const },
    { field: 'panel', type: 'nominal' as const, title: 'net' },
    { field: 'time', type: 'nominal' as const },
    { field: 'layer', type: 'quantitative' as const },
    { field: 'median', type: 'quantitative' as const, format: '.3~g' },
    { field: 'min', type: 'quantitative' as const, format: '.3~g' },
    { field: 'max', type: 'quantitative' as const, format: '.3~g' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  const facet = (field: 'panel' | 'time') => ({
    field,
    type: 'nominal' as const,
    sort: [...new Set(rows.map((r) => r[field]))],
    header: { title: null },
  });
  return asSpec({
    config: config(),
    data: { values: rows },
    facet: { column: facet('panel'), row: facet('time') },
    spec: {
      width: Math.round(PLOT_WIDTH * 0.6),
      height: Math.round(PLOT_HEIGHT * 0.8),
      layer: [
        {
          mark: { type: 'area', opacity: BAND_OPACITY.outer },
          encoding: { x, color, y: y('min'), y2: { field: 'max' } },
        },
        { mark: { type: 'line', strokeWidth: 1.2 }, encoding: { x, color, strokeDash, y: y('median'), tooltip } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  });
}

/** The gradient-norm figure of a training folder's runs (null when they hold no gradient norms). */
export function gradNormFigure(
  runs: readonly RunRecord[],
  summary: readonly TrainSummaryRow[],
  depths: readonly number[],
  place: RunPlace,
): Figure | null {
  if (runs.every((r) => r.gradNorms.length === 0)) return null;
  const shown = shownDepths(depths);
  const rows = gradNormRows(runs, shown, place);
  const series = [...new Set(rows.map((r) => r.series))];
  const palette = curvePalette(series.map((label) => ({ arch: archOf(label), label })));
  const seeds = maxOf(summary.map((r) => r.count));
  const some = shown.length < depths.length ? ` (${shown.length} of the ${depths.length} depths)` : '';
  return {
    name: 'grad-norms',
    title: `Weight-gradient norm per layer at initialisation and after training, at ${shown.join(', ')} layers`,
    caption:
      `‖dW‖ of each weight layer, first (1, the input layer) to last, for the mean cross-entropy of one fixed batch (the first training digits, a batch of the run's size) in train mode, ` +
      `at initialisation (top row) and after the last epoch (bottom row), one column per depth${some}; ${seeds === 1 ? 'one seed' : `line: median over ${seeds} seeds; band: min–max`}; log y axis. ` +
      `${gradNormFindings(rows, summary, shown.at(-1)!)}`,
    spec: gradNormSpec(rows, palette),
  };
}
