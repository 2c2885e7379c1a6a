import type { TopLevelSpec } from 'vega-lite';
import { layeredSpec } from '../specs/common.js';
import { archColor, BAND_OPACITY, type ArchName } from '../theme.js';

/** One point of a curve: median and range over seeds, in percent (null when there is no finite value). */
export interface CurveRow {
  arch: string;
  /** Legend label of the line's depth, e.g. `4 layers` (curves at several depths), or '' for one line per arch. */
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
}

/**
 * Median lines with min-max bands over seeds per architecture (colour) and depth (dash): the shape
 * of the training figures. The statistics are given, never computed by vega; y is linear from 0.
 */
export function curveSpec(rows: readonly CurveRow[], options: CurveSpecOptions): TopLevelSpec {
  const archs = (['plain', 'residual'] as const).filter((a) => rows.some((r) => r.arch === a)) as ArchName[];
  // A grid with axes has a series per arch and variant: colours in the order met, the arch's own for a lone series.
  const series = [...new Set(rows.map((r) => r.arch))];
  const dashes = [...new Set(rows.map((r) => r.layers))];
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: options.xTitle,
    scale: options.logX ? { type: 'log', base: 2, nice: false } : { zero: false, nice: false },
    axis: { values: options.xValues, format: 'd' },
  };
  const y = {
    field: 'median',
    type: 'quantitative' as const,
    title: options.yTitle,
    scale: { zero: true, nice: true },
  };
  const color =
    series.length === archs.length
      ? archColor(archs)
      : {
          field: 'arch',
          type: 'nominal' as const,
          scale: { domain: series },
          legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1, columns: 2 },
        };
  const dash =
    dashes.length > 1
      ? {
          strokeDash: {
            field: 'layers',
            type: 'nominal' as const,
            scale: { domain: dashes, range: dashes.map((_, i) => (i === 0 ? [1, 0] : [4, 2])) },
            legend: { title: null, symbolType: 'stroke', symbolStrokeWidth: 1.5 },
          },
        }
      : {};
  const tooltip = [
    { field: 'arch', type: 'nominal' as const },
    ...(dashes.length > 1 ? [{ field: 'layers', type: 'nominal' as const }] : []),
    { field: 'x', type: 'quantitative' as const, title: options.xTitle },
    { field: 'median', type: 'quantitative' as const, format: '.3~f' },
    { field: 'min', type: 'quantitative' as const, format: '.3~f' },
    { field: 'max', type: 'quantitative' as const, format: '.3~f' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  return layeredSpec(rows, [
    {
      mark: { type: 'area', opacity: BAND_OPACITY.outer },
      encoding: { x, color, detail: { field: 'layers' }, y: { ...y, field: 'min' }, y2: { field: 'max' } },
    },
    { mark: { type: 'line', point: { filled: true, size: 14 } }, encoding: { x, color, y, ...dash, tooltip } },
  ]);
}
