import { esc } from './dom.js';
import { linearScale, logScale, type Scale } from './scale.js';
import { BAND_OPACITY } from './theme.js';

/** A point of a line. */
export interface XY {
  x: number;
  y: number;
}

/** Quantiles over seeds at one x (the bands and median of a curve). */
export interface PlotBand {
  x: number;
  p5: number;
  p25: number;
  median: number;
  p75: number;
  p95: number;
}

/** One curve: its median and bands, a plain line, markers, and a theory line, in its colour. */
export interface PlotSeries {
  name: string;
  color: string;
  bands?: PlotBand[];
  line?: XY[];
  points?: XY[];
  theory?: XY[];
}

/** A plot: axes, titles and curves. */
export interface PlotSpec {
  /** Unique on the page (names the plot's clip path). */
  id: string;
  /** What the plot shows, for screen readers. */
  label: string;
  xTitle: string;
  yTitle: string;
  logY: boolean;
  series: PlotSeries[];
  xDomain?: [number, number];
  yDomain?: [number, number];
  integerX?: boolean;
  /** A horizontal reference line (e.g. ratio 1). */
  refY?: number;
  /** Light vertical lines (e.g. epoch ends). */
  vLines?: number[];
  width?: number;
  height?: number;
}

const M = { left: 64, right: 14, top: 12, bottom: 48 };
const round = (v: number) => Math.round(v * 10) / 10;

function extent(values: number[], ok: (v: number) => boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!ok(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Polylines through the points both scales can draw (a gap where one cannot). */
function segments(points: XY[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!x.ok(p.x) || !y.ok(p.y)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(x.map(p.x))} ${round(y.map(p.y))}`;
    pen = true;
  }
  return d;
}

/** Closed areas between lo and hi over runs of drawable points. */
function areas(bands: PlotBand[], lo: 'p5' | 'p25', hi: 'p95' | 'p75', x: Scale, y: Scale): string {
  let d = '';
  let run: PlotBand[] = [];
  const flush = () => {
    if (run.length > 0) {
      const top = run.map((b) => `${round(x.map(b.x))} ${round(y.map(b[hi]))}`);
      const bottom = run.map((b) => `${round(x.map(b.x))} ${round(y.map(b[lo]))}`).reverse();
      d += `M${[...top, ...bottom].join('L')}Z`;
    }
    run = [];
  };
  for (const b of bands) {
    if (x.ok(b.x) && y.ok(b[lo]) && y.ok(b[hi])) run.push(b);
    else flush();
  }
  flush();
  return d;
}

/** The plot as an SVG string (scales with its container; text in the page's font). */
export function plotSvg(spec: PlotSpec): string {
  const W = spec.width ?? 480;
  const H = spec.height ?? 300;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of spec.series) {
    for (const b of s.bands ?? []) {
      xs.push(b.x);
      ys.push(b.p5, b.p95, b.median);
    }
    for (const p of [...(s.line ?? []), ...(s.points ?? []), ...(s.theory ?? [])]) {
      xs.push(p.x);
      ys.push(p.y);
    }
  }
  if (spec.refY !== undefined) ys.push(spec.refY);
  const yOk = spec.logY ? (v: number) => Number.isFinite(v) && v > 0 : Number.isFinite;
  const xd = spec.xDomain ?? extent(xs, Number.isFinite) ?? [0, 1];
  let yd = spec.yDomain ?? extent(ys, yOk) ?? (spec.logY ? [1, 10] : [0, 1]);
  if (!spec.yDomain && spec.logY) yd = [yd[0] / 1.25, yd[1] * 1.25];
  const x = linearScale(xd, M.left, W - M.right, 6, spec.integerX);
  const y = spec.logY ? logScale(yd, H - M.bottom, M.top) : linearScale(yd, H - M.bottom, M.top, 5);
  const parts: string[] = [];
  // Grid and axes.
  for (const t of y.ticks) {
    const py = round(y.map(t.value));
    parts.push(`<line class="grid" x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}"/>`);
    parts.push(
      `<text class="tick" x="${M.left - 6}" y="${py}" text-anchor="end" dominant-baseline="middle">${esc(t.label)}</text>`,
    );
  }
  for (const t of x.ticks) {
    const px = round(x.map(t.value));
    parts.push(`<line class="axis" x1="${px}" x2="${px}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}"/>`);
    parts.push(`<text class="tick" x="${px}" y="${H - M.bottom + 20}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  for (const v of spec.vLines ?? []) {
    const px = round(x.map(v));
    parts.push(`<line class="vline" x1="${px}" x2="${px}" y1="${M.top}" y2="${H - M.bottom}"/>`);
  }
  parts.push(`<line class="axis" x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}"/>`);
  parts.push(`<line class="axis" x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}"/>`);
  if (spec.refY !== undefined && y.ok(spec.refY)) {
    const py = round(y.map(spec.refY));
    parts.push(`<line class="ref" x1="${M.left}" x2="${W - M.right}" y1="${py}" y2="${py}"/>`);
  }
  // Curves: the bands first, then lines and markers over them.
  const clip = `<clipPath id="clip-${spec.id}"><rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}"/></clipPath>`;
  const curves: string[] = [];
  for (const s of spec.series) {
    if (s.bands) {
      curves.push(
        `<path d="${areas(s.bands, 'p5', 'p95', x, y)}" fill="${s.color}" fill-opacity="${BAND_OPACITY.outer}"/>`,
      );
      curves.push(
        `<path d="${areas(s.bands, 'p25', 'p75', x, y)}" fill="${s.color}" fill-opacity="${BAND_OPACITY.inner}"/>`,
      );
      const median = s.bands.map((b) => ({ x: b.x, y: b.median }));
      curves.push(`<path class="median" d="${segments(median, x, y)}" stroke="${s.color}"/>`);
    }
    if (s.line) curves.push(`<path class="median" d="${segments(s.line, x, y)}" stroke="${s.color}"/>`);
    if (s.theory) curves.push(`<path class="theory" d="${segments(s.theory, x, y)}" stroke="${s.color}"/>`);
    for (const p of s.points ?? [])
      if (x.ok(p.x) && y.ok(p.y))
        curves.push(
          `<circle class="point" cx="${round(x.map(p.x))}" cy="${round(y.map(p.y))}" r="3.5" stroke="${s.color}"/>`,
        );
  }
  parts.push(`<g clip-path="url(#clip-${spec.id})">${curves.join('')}</g>`);
  // Titles.
  parts.push(
    `<text class="title" x="${(M.left + W - M.right) / 2}" y="${H - 6}" text-anchor="middle">${esc(spec.xTitle)}</text>`,
  );
  parts.push(
    `<text class="title" transform="translate(15 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yTitle)}</text>`,
  );
  return `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(spec.label)}" xmlns="http://www.w3.org/2000/svg">${clip}${parts.join('')}</svg>`;
}
