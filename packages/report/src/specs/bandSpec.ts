import type { TopLevelSpec } from 'vega-lite';
import type { Band } from '../stats.js';
import { BAND_OPACITY, archColor, type ArchName } from '../theme.js';
import { BAND_TOOLTIP, bandRows, layeredSpec } from './common.js';
import { logAxis, logY } from './logAxis.js';
import { maxOf } from '@resnet/core';

/** Axis titles and extras of a band figure. */
export interface BandSpecOptions {
  xTitle: string;
  yTitle: string;
  /** Fixed x domain (e.g. [0, 1] for relative depth); default: the data's extent. */
  xDomain?: [number, number];
  /** x tick values (e.g. every swept depth); default: vega's choice. */
  xValues?: number[];
  /** Draw a dashed horizontal reference line at this y (e.g. 1 for a ratio). */
  reference?: number;
}

/** Dashed horizontal reference line at y (a layer with its own one-row data). */
export function referenceLayer(y: number) {
  return {
    data: { values: [{ ref: y }] },
    mark: { type: 'rule', strokeDash: [3, 3], color: '#777', strokeWidth: 0.75 },
    encoding: { y: { field: 'ref', type: 'quantitative' } },
  };
}

/**
 * Median line with 25-75% and 5-95% bands per architecture on a log y axis: the shape of figures
 * 1 to 3. The bands are given (computed with core's summaryStats), never computed by vega.
 */
export function bandSpec(bands: readonly Band[], options: BandSpecOptions): TopLevelSpec {
  const archs = (['plain', 'residual'] as const).filter((a) => bands.some((b) => b.arch === a)) as ArchName[];
  const rows = bandRows(bands);
  const axis = logAxis([...rows.flatMap((r) => [r.p5, r.p95, r.median]), options.reference]);
  const x = {
    field: 'x',
    type: 'quantitative' as const,
    title: options.xTitle,
    scale: options.xDomain ? { domain: options.xDomain, nice: false } : { zero: false, nice: false },
    axis: options.xValues ? { values: options.xValues } : { tickCount: 5 },
  };
  // Every layer shares one legend; its symbol is drawn as a solid line whatever the layer's mark.
  const color = archColor(archs);
  const fewX = maxOf(archs.map((a) => bands.filter((b) => b.arch === a).length)) <= 12;
  const y = (field: string) => logY(field, options.yTitle, axis);
  const layers: object[] = [
    { mark: { type: 'area', opacity: BAND_OPACITY.outer }, encoding: { x, color, y: y('p5'), y2: { field: 'p95' } } },
    { mark: { type: 'area', opacity: BAND_OPACITY.inner }, encoding: { x, color, y: y('p25'), y2: { field: 'p75' } } },
    // With few x values, mark them: a single depth would otherwise draw nothing visible.
    // The median line carries the tooltip fields; the interactive page adds hover targets (hoverLayer), print needs none.
    {
      mark: { type: 'line', ...(fewX ? { point: { filled: true, size: 14 } } : {}) },
      encoding: { x, color, y: y('median'), tooltip: BAND_TOOLTIP },
    },
  ];
  if (options.reference !== undefined) layers.push(referenceLayer(options.reference));
  return layeredSpec(rows, layers);
}

/**
 * Invisible hover targets on a band figure's median line (the layer whose y is `median`), for the
 * interactive page: a point per row that shows the line's tooltip. Null for other layers. The
 * targets are not clipped to the plot (a scale-bound zoom clips every mark, which would cut the
 * targets at the ends of the x axis in half); with `zoom`, the name of that selection, only the
 * rows inside the zoomed view get one, so nothing invisible catches the pointer outside the plot.
 */
export function hoverLayer(layer: Record<string, unknown>, zoom?: string): Record<string, unknown> | null {
  const mark = layer.mark as { type?: string } | undefined;
  const encoding = layer.encoding as { y?: { field?: string }; tooltip?: unknown } | undefined;
  if (mark?.type !== 'line' || encoding?.y?.field !== 'median' || !encoding.tooltip) return null;
  return {
    ...(zoom ? { transform: [{ filter: { param: zoom } }] } : {}),
    mark: { type: 'point', opacity: 0, size: 40, clip: false },
    encoding,
  };
}
