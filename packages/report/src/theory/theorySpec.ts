import type { TheoryFigure } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, config, logSafe } from '../specs/common.js';
import { logAxis, logY } from '../specs/logAxis.js';
import { LINE_LEGEND, PLOT_HEIGHT, PLOT_WIDTH } from '../theme.js';
import { maxOf, minOf } from '@resnet/core';

/** Colours of a theory figure's series when no palette is given, in order (Okabe-Ito, colour-blind safe; black last). */
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
/** Plot area of a one-panel theory figure in px: wider than the sweep figures, for the legend beside it. */
export const THEORY_PLOT = { width: 240, height: 160 } as const;

/** One point of a series as the spec's data: the measured mean and its band, and the theory value. */
export interface TheorySpecRow {
  series: string;
  panel: string;
  x: number;
  mean: number | null;
  lo: number | null;
  hi: number | null;
  theory: number | null;
}

/** Options of theorySpec. */
export interface TheorySpecOptions {
  /** A series' colour by its name (a report's curve palette); default SERIES_COLORS in order of first appearance. */
  color?: (name: string) => string;
}

/** The rows of a prediction's figure; on a log axis, values <= 0 become null (left out, not clipped). */
export function theoryRows(figure: TheoryFigure): TheorySpecRow[] {
  const safe = (v: number | null) => (v === null ? null : figure.logY ? logSafe(v) : Number.isFinite(v) ? v : null);
  return figure.series.flatMap((s) =>
    s.points.map((p) => ({
      series: s.name,
      panel: s.panel ?? '',
      x: p.x,
      mean: safe(p.mean),
      lo: safe(p.lo),
      hi: safe(p.hi),
      theory: safe(p.theory),
    })),
  );
}

/**
 * A prediction's figure: per series, the measured mean over seeds (line with points) inside its 95% band (area,
 * drawn over the points that have one, so it is whole), and the theory as a dashed line of the same colour; log or
 * linear y as the data says. Series with a `panel` are drawn as small multiples, one panel each, colours shared.
 */
export function theorySpec(figure: TheoryFigure, options: TheorySpecOptions = {}): TopLevelSpec {
  const rows = theoryRows(figure);
  const names = [...new Set(figure.series.map((s) => s.name))];
  const colorOf = options.color ?? ((name: string) => SERIES_COLORS[names.indexOf(name) % SERIES_COLORS.length]!);
  const colorFor = (domain: readonly string[]) => ({
    field: 'series',
    type: 'nominal' as const,
    scale: { domain, range: domain.map(colorOf) },
    legend: LINE_LEGEND,
  });
  const panels = [...new Set(rows.map((r) => r.panel))];
  if (panels.length === 1) {
    return asSpec({
      width: THEORY_PLOT.width,
      height: THEORY_PLOT.height,
      config: config(),
      ...panel(figure, rows, colorFor(names)),
    });
  }
  // One legend for the figure, unless two series share a colour (a report's palette repeats past six variants of an
  // architecture, never within a panel): then each panel has its own.
  const shared = new Set(names.map(colorOf)).size === names.length;
  return asSpec({
    config: config(),
    columns: 3,
    concat: panels.map((p) => {
      const mine = rows.filter((r) => r.panel === p);
      const domain = shared ? names : names.filter((n) => mine.some((r) => r.series === n));
      return { width: PLOT_WIDTH, height: PLOT_HEIGHT, title: p, ...panel(figure, mine, colorFor(domain)) };
    }),
    resolve: {
      scale: { color: shared ? 'shared' : 'independent', y: 'independent', x: 'independent' },
      ...(shared ? {} : { legend: { color: 'independent' } }),
    },
  });
}

/** One panel: data and the three layers (band, measured line, dashed theory). */
function panel(figure: TheoryFigure, rows: readonly TheorySpecRow[], color: object) {
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: figure.xTitle,
    scale: figure.logX ? { type: 'log', base: 2, nice: false } : { zero: false, nice: false },
    ...(figure.logX ? { axis: { values: xs, format: 'd' } } : {}),
  };
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
  const valid = (...fields: string[]) => ({ filter: fields.map((f) => `isValid(datum.${f})`).join(' && ') });
  return {
    data: { values: rows },
    layer: [
      {
        transform: [valid('lo', 'hi')],
        mark: { type: 'area', opacity: 0.25 },
        encoding: { x, color, y: y('lo'), y2: { field: 'hi' } },
      },
      {
        transform: [valid('mean')],
        mark: { type: 'line', point: { filled: true, size: 12 } },
        encoding: { x, color, y: y('mean'), tooltip },
      },
      {
        transform: [valid('theory')],
        mark: { type: 'line', strokeDash: [4, 3], strokeWidth: 1 },
        encoding: { x, color, y: y('theory') },
      },
    ],
  };
}

/** A linear y scale: vega's choice, except around a constant (an exact identity) where it pads ±10% so the axis is readable. */
function linearScale(rows: readonly TheorySpecRow[]): { zero: false; domain?: [number, number] } {
  const values = rows.flatMap((r) => [r.lo, r.hi, r.mean, r.theory]).filter((v): v is number => v !== null);
  if (values.length === 0) return { zero: false };
  const lo = minOf(values);
  const hi = maxOf(values);
  if (hi - lo > 1e-9 * Math.max(Math.abs(hi), Math.abs(lo))) return { zero: false };
  const pad = Math.max(Math.abs(hi) * 0.1, 1e-12);
  return { zero: false, domain: [lo - pad, hi + pad] };
}
