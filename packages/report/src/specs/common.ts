import type { TopLevelSpec } from 'vega-lite';
import type { Band } from '../stats.js';
import { BASE_CONFIG, PLOT_HEIGHT, PLOT_WIDTH } from '../theme.js';

/** A figure: file stem, title, plain-words caption and its Vega-Lite spec (data inline). */
export interface Figure {
  /** File stem, e.g. `grad-profile` (written as grad-profile.svg, .png, .pdf). */
  name: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  /** The figure never changes for this object (the notebook's patterns and identity demo): its vega view is kept and reused. */
  keep?: boolean;
}

/** A value a log axis can draw, else null (vega-lite then leaves the point out). */
export function logSafe(v: number): number | null {
  return Number.isFinite(v) && v > 0 ? v : null;
}

/** One band or box as data for a log axis: x, count, and its quantiles, those <= 0 or undefined as null. */
export function quantileRow(b: Pick<Band, 'x' | 'count' | 'median' | 'p5' | 'p25' | 'p75' | 'p95'>) {
  const { x, count: n, median, p5, p25, p75, p95 } = b;
  return { x, n, median: logSafe(median), p5: logSafe(p5), p25: logSafe(p25), p75: logSafe(p75), p95: logSafe(p95) };
}

/** Band rows as data for a log axis (quantileRow, with the arch first). */
export function bandRows(bands: readonly Band[]) {
  return bands.map((b) => ({ arch: b.arch, ...quantileRow(b) }));
}

/** The config every figure shares (font, sizes, colours), plus overrides. */
export function config(extra: Record<string, unknown> = {}) {
  return { ...BASE_CONFIG, ...extra };
}

/** Tooltip fields for a band row. */
export const BAND_TOOLTIP = [
  { field: 'arch', type: 'nominal' as const },
  { field: 'x', type: 'quantitative' as const, format: '.3~f' },
  { field: 'median', type: 'quantitative' as const, format: '.3~g' },
  { field: 'p25', type: 'quantitative' as const, title: '25%', format: '.3~g' },
  { field: 'p75', type: 'quantitative' as const, title: '75%', format: '.3~g' },
  { field: 'p5', type: 'quantitative' as const, title: '5%', format: '.3~g' },
  { field: 'p95', type: 'quantitative' as const, title: '95%', format: '.3~g' },
  { field: 'n', type: 'quantitative' as const, title: 'seeds' },
];

/**
 * Types a spec built from plain objects as TopLevelSpec. Builders use loose object types (vega-lite's
 * own are too deep to spell out per layer); vega-lite's compile checks every spec at render time and
 * the tests render each one.
 */
export function asSpec(spec: object): TopLevelSpec {
  return { $schema: VEGA_LITE_SCHEMA, ...spec } as TopLevelSpec;
}

/** The Vega-Lite JSON schema every spec names. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** A single-panel plot of the given layers over rows, at the figures' standard size. */
export function layeredSpec(rows: readonly object[], layers: readonly object[]): TopLevelSpec {
  return asSpec({ width: PLOT_WIDTH, height: PLOT_HEIGHT, config: config(), data: { values: rows }, layer: layers });
}
