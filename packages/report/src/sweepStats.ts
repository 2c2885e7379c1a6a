import type { DepthUnit } from '@resnet/core';
import { ReportOptionsError } from './errors.js';
import { pickDepths } from './specs/ratioDistribution.js';
import { band, type Band, type Outlier, type OutlierBin } from './stats.js';
import type { ArchName } from './theme.js';

// The statistics a sweep report draws, per group of cells (arch, variant, depth), never the cells themselves: a
// report's memory follows its groups and its profile depth's layers, not its seeds. Built from cells in memory
// (statsOfCells) or streamed from a folder (streamSweepStats), by the same functions, so both give the same numbers.

/** A group of cells as the figures name it; `variant` is undefined in a grid without variant axes. */
export interface GroupMeta {
  arch: ArchName;
  variant: string | undefined;
  depth: number;
  /** Cells of the group. */
  count: number;
}

/** A group's ratios in file (seed) order, and the seed of each. */
export interface GroupValues {
  values: Float64Array;
  seedAt(i: number): number;
}

/** Outliers at one depth beyond this many are binned on the log axis instead of drawn one by one. */
export const MAX_OUTLIER_DOTS = 50;
/** Bins over the log axis's decades of a binned depth's outliers: one dot per non-empty bin. */
const BINS_PER_DECADE = 8;

/** A group's statistics: its ratio's band and, where the figures need them, its outliers and largest value. */
export interface GroupStats extends GroupMeta {
  ratio: Band;
  /** Seeds beyond the 5–95 % whiskers (a ratio-distribution depth of the first variant), one by one or binned. */
  outliers?: { dots: Outlier[]; bins: OutlierBin[]; count: number; min: number; max: number };
  /** The largest finite ratio (the deepest depth, first variant). */
  largest?: number;
}

/** Everything the sweep figures are drawn from. */
export interface SweepStats {
  cellCount: number;
  depthUnit: DepthUnit;
  /** Every group, in file order (the order each first appears). */
  groups: GroupStats[];
  /** Per-layer bands at the profile depth (first variant of each arch). */
  profile: { depth: number; metric: 'layerGradNorms' | 'gradNorms'; grad: Band[]; act: Band[] };
  /** The deepest depth's cells paired by seed (first variants): pairs, and those with the plain ratio above. */
  pairs: { seeds: number; plainAbove: number };
}

/** What to compute for which group, decided from the groups alone. */
export interface StatsPlan {
  /** The variant each arch's four sweep figures show (the arch's first in file order). */
  first: Map<ArchName, string | undefined>;
  profileDepth: number;
  deepest: number;
  /** The depths ratio-distribution shows. */
  shown: Set<number>;
}

const ARCHS: readonly ArchName[] = ['plain', 'residual'];

/** Archs present among groups, plain first. */
export const archsOfGroups = (groups: readonly GroupMeta[]): ArchName[] =>
  ARCHS.filter((a) => groups.some((g) => g.arch === a && g.count > 0));

/** The plan of a sweep's statistics: first variants, the profile depth (options.depth or the deepest common one). */
export function planStats(groups: readonly GroupMeta[], depth?: number): StatsPlan {
  const first = new Map<ArchName, string | undefined>();
  for (const g of groups) if (g.count > 0 && !first.has(g.arch)) first.set(g.arch, g.variant);
  const shownGroups = groups.filter((g) => g.count > 0 && first.get(g.arch) === g.variant);
  const archs = archsOfGroups(shownGroups);
  const swept = [...new Set(shownGroups.map((g) => g.depth))].sort((a, b) => a - b);
  const common = swept.filter((d) => archs.every((a) => shownGroups.some((g) => g.arch === a && g.depth === d)));
  let profileDepth = depth;
  if (profileDepth === undefined) {
    profileDepth = common.at(-1);
    if (profileDepth === undefined)
      throw new ReportOptionsError(
        'depth',
        depth,
        'a depth swept for every architecture',
        'The sweep has no depth common to all archs.',
      );
  } else if (!common.includes(profileDepth))
    throw new ReportOptionsError('depth', depth, `one of the swept depths (${common.join(', ')})`);
  return { first, profileDepth, deepest: swept.at(-1)!, shown: new Set(pickDepths(swept)) };
}

/** Whether a group is one the four sweep figures show (its arch's first variant). */
export const isShown = (plan: StatsPlan, g: GroupMeta): boolean => plan.first.get(g.arch) === g.variant;

/** A group's statistics from its values (file order), with outliers and the largest value where the plan wants them. */
export function groupStats(meta: GroupMeta, v: GroupValues, plan: StatsPlan): GroupStats {
  const stats: GroupStats = { ...meta, ratio: band(meta.arch, meta.depth, v.values) };
  if (!isShown(plan, meta)) return stats;
  if (plan.shown.has(meta.depth)) stats.outliers = outliersOf(meta, v, stats.ratio);
  if (meta.depth === plan.deepest) {
    let largest = -Infinity;
    for (const x of v.values) if (Number.isFinite(x) && x > largest) largest = x;
    if (largest > -Infinity) stats.largest = largest;
  }
  return stats;
}

/** Finite values beyond the band's 5–95 %: one dot each, or (more than MAX_OUTLIER_DOTS) binned on the log axis. */
function outliersOf(meta: GroupMeta, v: GroupValues, b: Band): NonNullable<GroupStats['outliers']> {
  const dots: Outlier[] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < v.values.length; i++) {
    const value = v.values[i]!;
    if (!Number.isFinite(value) || (value >= b.p5 && value <= b.p95)) continue;
    dots.push({ arch: meta.arch, x: meta.depth, seed: v.seedAt(i), value });
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (dots.length <= MAX_OUTLIER_DOTS) return { dots, bins: [], count: dots.length, min, max };
  return { dots: [], bins: binOutliers(meta, dots), count: dots.length, min, max };
}

/** Positive outliers binned by log10 value (BINS_PER_DECADE a decade), ascending; non-positive ones are not drawn. */
function binOutliers(meta: GroupMeta, dots: readonly Outlier[]): OutlierBin[] {
  const bins = new Map<number, { seeds: number; logSum: number; min: number; max: number }>();
  for (const { value } of dots) {
    if (!(value > 0)) continue;
    const key = Math.floor(Math.log10(value) * BINS_PER_DECADE);
    const bin = bins.get(key) ?? { seeds: 0, logSum: 0, min: Infinity, max: -Infinity };
    bin.seeds++;
    bin.logSum += Math.log10(value);
    bin.min = Math.min(bin.min, value);
    bin.max = Math.max(bin.max, value);
    bins.set(key, bin);
  }
  return [...bins.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, bin]) => ({
      arch: meta.arch,
      x: meta.depth,
      // The geometric mean, kept within the bin's values against rounding (one seed: its value).
      value: Math.min(bin.max, Math.max(bin.min, 10 ** (bin.logSum / bin.seeds))),
      seeds: bin.seeds,
      min: bin.min,
      max: bin.max,
    }));
}

/** The deepest depth's plain and residual ratios paired by seed: pairs, and those whose plain ratio is the larger. */
export function pairStats(plain: GroupValues | undefined, residual: GroupValues | undefined): SweepStats['pairs'] {
  if (!plain || !residual) return { seeds: 0, plainAbove: 0 };
  const bySeed = new Map<number, number>();
  for (let i = 0; i < plain.values.length; i++) bySeed.set(plain.seedAt(i), plain.values[i]!);
  let seeds = 0;
  let plainAbove = 0;
  for (let i = 0; i < residual.values.length; i++) {
    const p = bySeed.get(residual.seedAt(i));
    if (p === undefined) continue;
    seeds++;
    if (p > residual.values[i]!) plainAbove++;
  }
  return { seeds, plainAbove };
}

/** Per-layer bands of one group from its columns (column i: every cell's value at layer first + i), x = relative depth. */
export function columnBands(
  arch: ArchName,
  columns: readonly Float64Array[],
  first = 0,
  total = columns.length,
): Band[] {
  // Columns may be layers [first, first + columns.length) of `total`: x is the layer's place among all of them.
  return columns.map((values, i) => band(arch, total > 1 ? (first + i) / (total - 1) : 0, values));
}
