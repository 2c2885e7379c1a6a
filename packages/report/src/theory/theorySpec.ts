import type { PredictionResult } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, config, logSafe } from '../specs/common.js';
import { logAxis, logY } from '../specs/logAxis.js';

/** Colours of a theory figure's series, in order (Okabe-Ito, colour-blind safe; black last). */
export const SERIES_COLORS: readonly string[] = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#000000',
  '#999999',
];
/** Plot area of a theory figure in px: wider than the sweep figures, for a legend of up to 8 series beside it. */
export const THEORY_PLOT = { width: 240, height: 160 } as const;

/** One point of a series as the spec's data: the measured mean and its band, and the theory value. */
export interface TheorySpecRow {
  series: string;
  x: number;
  mean: number | null;
  lo: number | null;
  hi: number | null;
  theory: number | null;
}

/** The rows of a prediction's figure; on a log axis, values <= 0 become null (left out, not clipped). */
export function theoryRows(figure: PredictionResult['figure']): TheorySpecRow[] {
  const safe = (v: number | null) => (v === null ? null : figure.logY ? logSafe(v) : Number.isFinite(v) ? v : null);
  return figure.series.flatMap((s) =>
    s.points.map((p) => ({
      series: s.name,
      x: p.x,
      mean: safe(p.mean),
      lo: safe(p.lo),
      hi: safe(p.hi),
      theory: safe(p.theory),
    })),
  );
}

/**
 * A prediction's figure: per series, the measured mean over seeds (line with points) inside its 95% band
 * (area), and the theory as a dashed line of the same colour. Log or linear y as the data says.
 */
export function theorySpec(figure: PredictionResult['figure']): TopLevelSpec {
  const rows = theoryRows(figure);
  const names = figure.series.map((s) => s.name);
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: names, range: names.map((_, i) => SERIES_COLORS[i % SERIES_COLORS.length]) },
    legend: {
      title: null,
      orient: 'right',
      direction: 'vertical',
      symbolType: 'stroke',
      symbolStrokeWidth: 2,
      symbolOpacity: 1,
      labelLimit: 260,
    },
  };
  const x = { field: 'x', type: 'quantitative' as const, title: figure.xTitle, scale: { zero: false, nice: false } };
  const axis = figure.logY ? logAxis(rows.flatMap((r) => [r.lo, r.hi, r.mean, r.theory])) : null;
  const linear = {
    field: '',
    type: 'quantitative' as const,
    title: figure.yTitle,
    scale: linearScale(rows),
    axis: { format: '.4~g' },
  };
  const y = (field: string) => (figure.logY ? logY(field, figure.yTitle, axis) : { ...linear, field });
  const tooltip = [
    { field: 'series', type: 'nominal' as const },
    { field: 'x', type: 'quantitative' as const, format: '.4~g' },
    { field: 'mean', type: 'quantitative' as const, format: '.4~g' },
    { field: 'lo', type: 'quantitative' as const, title: '95% CI lo', format: '.4~g' },
    { field: 'hi', type: 'quantitative' as const, title: '95% CI hi', format: '.4~g' },
    { field: 'theory', type: 'quantitative' as const, format: '.4~g' },
  ];
  const layers = [
    { mark: { type: 'area', opacity: 0.25 }, encoding: { x, color, y: y('lo'), y2: { field: 'hi' } } },
    { mark: { type: 'line', point: { filled: true, size: 12 } }, encoding: { x, color, y: y('mean'), tooltip } },
    { mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1 }, encoding: { x, color, y: y('theory') } },
  ];
  return asSpec({
    width: THEORY_PLOT.width,
    height: THEORY_PLOT.height,
    config: config(),
    data: { values: rows },
    layer: layers,
  });
}

/** A linear y scale: vega's choice, except around a constant (an exact identity) where it pads ±10% so the axis is readable. */
function linearScale(rows: readonly TheorySpecRow[]): { zero: false; domain?: [number, number] } {
  const values = rows.flatMap((r) => [r.lo, r.hi, r.mean, r.theory]).filter((v): v is number => v !== null);
  if (values.length === 0) return { zero: false };
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi - lo > 1e-9 * Math.max(Math.abs(hi), Math.abs(lo))) return { zero: false };
  const pad = Math.max(Math.abs(hi) * 0.1, 1e-12);
  return { zero: false, domain: [lo - pad, hi + pad] };
}
