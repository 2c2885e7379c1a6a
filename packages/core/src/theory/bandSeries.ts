import type { GroupSums } from './jackknife.js';
import type { TheorySeries } from './types.js';

/** What bandSeries draws: count points, each a positive statistic of the means with its 95% band. */
export interface BandSeriesSpec {
  name: string;
  /** The panel of a figure with small multiples. */
  panel?: string;
  sums: GroupSums;
  count: number;
  /** The statistic at point i of the mean vector (positive: its band is taken on the log scale). */
  stat: (mean: Float64Array, i: number) => number;
  /** The theory's value at point i, or null. */
  theory: (i: number) => number | null;
  /** x of point i; default i + 1. */
  x?: (i: number) => number;
}

/**
 * A series: at each point the statistic over all seeds and its 95% jackknife interval on the log scale (so the
 * band of a positive quantity stays positive and is drawn whole on a log axis), and the theory's value.
 */
export function bandSeries(spec: BandSeriesSpec): TheorySeries {
  const x = spec.x ?? ((i: number) => i + 1);
  const points = Array.from({ length: spec.count }, (_, i) => {
    const e = spec.sums.estimate((m) => spec.stat(m, i), 0.95, 'log');
    const finite = Number.isFinite(e.ci[0]) && Number.isFinite(e.ci[1]);
    return {
      x: x(i),
      mean: e.value,
      lo: finite ? e.ci[0] : null,
      hi: finite ? e.ci[1] : null,
      theory: spec.theory(i),
    };
  });
  return { name: spec.name, ...(spec.panel ? { panel: spec.panel } : {}), points };
}

/** The statistic `component at + i` of the means (a mean squared norm). */
export const component =
  (at: number) =>
  (m: Float64Array, i: number): number =>
    m[at + i];
