import type { TopLevelSpec } from 'vega-lite';
import { asSpec, config } from '../specs/common.js';
import { ARCH_COLORS, type ArchName, archColor, BAND_OPACITY, PLOT_HEIGHT, PLOT_WIDTH } from '../theme.js';
import { maxOf, minOf } from '@resnet/core';

/** One point of a curve: median and range over seeds, in percent (null when there is no finite value). */
export interface CurveRow {
  arch: string;
  /** Panel label of the curve's depth, e.g. `4 layers` (curves at several depths: one panel each), or '' for one panel. */
  layers: string;
  x: number;
  median: number | null;
  min: number | null;
  max: number | null;
  n: number;
}

/** Axis titles and x options of a curve figure. */
export interface CurveSpecOptions {
  xTitle: string;
  yTitle: string;
  /** x tick values (epochs or depths). */
  xValues: number[];
  /** Log-2 x axis (depths 4, 8, 16, 32 equally spaced). */
  logX?: boolean;
  /** Draw plain and residual this far apart in x (plain left, residual right), so one never hides the other; default 0. */
  dodge?: number;
}

/** The architecture of a series: `plain`, `residual`, or either followed by its variant. */
const archOf = (series: string): ArchName => (series.startsWith('plain') ? 'plain' : 'residual');

/** Point shape per architecture, so the two stay apart where their lines meet. */
const SHAPES: Readonly<Record<ArchName, string>> = { plain: 'circle', residual: 'square' };

/**
 * Median lines with min-max bands over seeds per architecture (colour and point shape), one panel per depth when
 * the rows hold several, each line named at its end; the two architectures drawn `dodge` apart in x. The statistics
 * are given, never computed by vega; y is linear from 0, shared by the panels.
 */
export function curveSpec(rows: readonly CurveRow[], options: CurveSpecOptions): TopLevelSpec {
  const archs = (['plain', 'residual'] as const).filter((a) => rows.some((r) => r.arch === a)) as ArchName[];
  // A grid with axes has a series per arch and variant (`residual (branchScale=0.5)`): colours in the order met,
  // the arch's own for a lone series; point shape and dodge side by the series' arch.
  const series = [...new Set(rows.map((r) => r.arch))];
  const dodge = options.dodge ?? 0;
  const shifted = rows.map((r) => ({ ...r, xPlot: r.x + (archOf(r.arch) === 'plain' ? -dodge / 2 : dodge / 2) }));
  const panels = [...new Set(rows.map((r) => r.layers))];
  const yMax = Math.max(0, maxOf(rows.flatMap((r) => [r.max ?? 0, r.median ?? 0])));
  const x = {
    field: 'xPlot',
    type: 'quantitative' as const,
    title: options.xTitle,
    scale: options.logX
      ? { type: 'log', base: 2, nice: false }
      : {
          zero: false,
          nice: false,
          domain: [minOf(options.xValues) - dodge, maxOf(options.xValues) + dodge],
        },
    axis: { values: options.xValues, format: 'd', labelOverlap: false },
  };
  const y = {
    field: 'median',
    type: 'quantitative' as const,
    title: options.yTitle,
    scale: { zero: true, nice: true, domain: [0, yMax] },
  };
  const lone = series.length === archs.length;
  const color = lone
    ? archColor(archs)
    : {
        field: 'arch',
        type: 'nominal' as const,
        scale: { domain: series },
        // One legend of coloured point shapes (the shape channel's, merged), two columns.
        legend: { title: null, symbolOpacity: 1, columns: 2, labelLimit: 400 },
      };
  const shape = {
    field: 'arch',
    type: 'nominal' as const,
    scale: lone
      ? { domain: archs, range: archs.map((a) => SHAPES[a]) }
      : { domain: series, range: series.map((s) => SHAPES[archOf(s)]) },
    // No `legend: null`: vega-lite merges the shape legend into the colour one (same field), and a disabled
    // half only made it warn ("Conflicting legend property disable") while drawing the same legend.
  };
  const tooltip = [
    { field: 'arch', type: 'nominal' as const },
    ...(panels.length > 1 ? [{ field: 'layers', type: 'nominal' as const }] : []),
    { field: 'x', type: 'quantitative' as const, title: options.xTitle },
    { field: 'median', type: 'quantitative' as const, format: '.3~f' },
    { field: 'min', type: 'quantitative' as const, format: '.3~f' },
    { field: 'max', type: 'quantitative' as const, format: '.3~f' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  const layers = [
    {
      mark: { type: 'area', opacity: BAND_OPACITY.outer },
      encoding: { x, color, y: { ...y, field: 'min' }, y2: { field: 'max' } },
    },
    { mark: { type: 'line' }, encoding: { x, color, y, tooltip } },
    { mark: { type: 'point', filled: true, size: 22, opacity: 1 }, encoding: { x, color, shape, y, tooltip } },
    // Direct labels: each line named at its last point, plain above it and residual below, so two ends that meet stay apart.
    ...(lone ? archs : []).map((a) => ({
      transform: [
        { filter: `datum.arch === '${a}'` },
        { joinaggregate: [{ op: 'max', field: 'x', as: 'last' }] },
        { filter: 'datum.x === datum.last' },
      ],
      mark: { type: 'text', align: 'left', dx: 4, dy: a === 'plain' ? -7 : 7, fontSize: 8, color: ARCH_COLORS[a] },
      encoding: { x, y, text: { field: 'arch' } },
    })),
  ];
  const panel = (values: readonly object[], title?: string) => ({
    width: panels.length > 1 ? Math.round(PLOT_WIDTH * 0.8) : PLOT_WIDTH,
    height: PLOT_HEIGHT,
    ...(title ? { title } : {}),
    data: { values },
    layer: layers,
  });
  if (panels.length === 1) return asSpec({ config: config(), ...panel(shifted) });
  return asSpec({
    config: config(),
    hconcat: panels.map((p) =>
      panel(
        shifted.filter((r) => r.layers === p),
        p,
      ),
    ),
    resolve: { scale: { y: 'shared' } },
  });
}
