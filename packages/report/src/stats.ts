import { summaryStats } from '@resnet/core';
import type { SweepCell } from './sweep/types.js';
import type { ArchName } from './theme.js';

/** Quantile band of one group of cells (over seeds) at one x: what a band figure draws. From core's summaryStats. */
export interface Band {
  arch: ArchName;
  /** Position on the x axis: relative depth 0..1 for layer profiles, depth for depth plots. */
  x: number;
  /** Finite values the statistics are over, and values left out as NaN or infinite. */
  count: number;
  nonFinite: number;
  /** Finite values <= 0, which a log axis cannot show. */
  nonPositive: number;
  median: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
}

/** The metrics a per-layer profile can show. */
export type LayerMetric = 'gradNorms' | 'layerGradNorms' | 'actNorms' | 'signalNorms';

/** Architectures present in cells, plain first. */
export function archsOf(cells: readonly SweepCell[]): ArchName[] {
  const seen = new Set(cells.map((c) => c.arch));
  return (['plain', 'residual'] as const).filter((a) => seen.has(a));
}

/** Depths present in cells (optionally of one arch), ascending. */
export function depthsOf(cells: readonly SweepCell[], arch?: ArchName): number[] {
  const set = new Set<number>();
  for (const c of cells) if (!arch || c.arch === arch) set.add(c.depth);
  return [...set].sort((a, b) => a - b);
}

/** Cells grouped by `${arch}|${depth}`, each group in file (seed) order. */
export function groupCells(cells: readonly SweepCell[]): Map<string, SweepCell[]> {
  const groups = new Map<string, SweepCell[]>();
  for (const c of cells) {
    const key = `${c.arch}|${c.depth}`;
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return groups;
}

/** summaryStats of values as a Band at (arch, x). */
export function band(arch: ArchName, x: number, values: ArrayLike<number>): Band {
  const s = summaryStats(values);
  let nonPositive = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! <= 0 && Number.isFinite(values[i])) nonPositive++;
  return {
    arch,
    x,
    count: s.count,
    nonFinite: s.nonFinite,
    nonPositive,
    median: s.median,
    p5: s.p5,
    p25: s.p25,
    p75: s.p75,
    p95: s.p95,
  };
}

/**
 * Per-layer bands over the cells of one (arch, depth): band i is over every cell's metric[i], at
 * relative depth x = i / (n - 1), so nets with different layer counts share one axis.
 */
export function layerBands(cells: readonly SweepCell[], metric: LayerMetric): Band[] {
  const first = cells[0];
  if (!first) return [];
  const n = first[metric].length;
  const values = new Float64Array(cells.length);
  const out: Band[] = [];
  for (let i = 0; i < n; i++) {
    cells.forEach((c, k) => {
      values[k] = c[metric][i]!;
    });
    out.push(band(first.arch, n > 1 ? i / (n - 1) : 0, values));
  }
  return out;
}

/** One band per (arch, depth) of pick(cell), at x = depth: arch order, then ascending depth. */
export function depthBands(cells: readonly SweepCell[], pick: (c: SweepCell) => number): Band[] {
  const groups = groupCells(cells);
  const out: Band[] = [];
  for (const arch of archsOf(cells)) {
    for (const depth of depthsOf(cells, arch)) {
      const g = groups.get(`${arch}|${depth}`)!;
      out.push(band(arch, depth, Float64Array.from(g, pick)));
    }
  }
  return out;
}

/** A box of the ratio-distribution figure: a Band at x = depth, drawn from x0 to x1. */
export interface Box extends Band {
  x0: number;
  x1: number;
}

/** A single value beyond its group's 5-95% range: drawn as a point so heavy tails stay visible. */
export interface Outlier {
  arch: ArchName;
  x: number;
  seed: number;
  value: number;
}

/** Outliers of one depth, binned on a log axis: one dot per bin at the geometric mean of its values. */
export interface OutlierBin {
  arch: ArchName;
  x: number;
  value: number;
  /** Seeds in the bin; their smallest and largest value. */
  seeds: number;
  min: number;
  max: number;
}

/**
 * Per (arch, depth) distribution of pick(cell): a box (quantiles from summaryStats, width 0.7 of the
 * smallest depth gap) and every finite value outside its 5-95% range.
 */
export function distribution(
  cells: readonly SweepCell[],
  pick: (c: SweepCell) => number,
): { boxes: Box[]; outliers: Outlier[] } {
  const depths = depthsOf(cells);
  let gap = Infinity;
  for (let i = 1; i < depths.length; i++) gap = Math.min(gap, depths[i]! - depths[i - 1]!);
  const half = Number.isFinite(gap) ? 0.35 * gap : 0.35;
  const groups = groupCells(cells);
  const boxes: Box[] = [];
  const outliers: Outlier[] = [];
  for (const b of depthBands(cells, pick)) {
    boxes.push({ ...b, x0: b.x - half, x1: b.x + half });
    for (const c of groups.get(`${b.arch}|${b.x}`)!) {
      const v = pick(c);
      if (Number.isFinite(v) && (v < b.p5 || v > b.p95))
        outliers.push({ arch: b.arch, x: b.x, seed: c.seed, value: v });
    }
  }
  return { boxes, outliers };
}
