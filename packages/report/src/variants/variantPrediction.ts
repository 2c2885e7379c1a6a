import type { GroupSums, PredictionResult, TheorySeries } from '@resnet/core';

/** A prediction measured on one (arch, variant) of a sweep: what core/theory's figure shows, for that variant. */
export interface VariantPrediction extends Pick<PredictionResult, 'title' | 'source' | 'figure' | 'seeds'> {
  /** `arch: variant` (or the arch alone for a figure over several variants). */
  label: string;
  /** Ids of the table rows the figure shows, when not every row of `label`. */
  rowIds?: string[];
}

/**
 * A series from components [at, at + count) of per-seed sums: at each i the statistic of the means (default
 * the component itself) with its 95% jackknife CI, and theory(i); x is i + 1 unless xOf is given.
 */
export function estimateSeries(
  name: string,
  sums: GroupSums,
  at: number,
  count: number,
  theory: (i: number) => number | null,
  xOf: (i: number) => number = (i) => i + 1,
  stat: (m: Float64Array, i: number) => number = (m, i) => m[i]!,
): TheorySeries {
  const points = Array.from({ length: count }, (_, i) => {
    const e = sums.estimate((m) => stat(m, at + i), 0.95);
    return { x: xOf(i), mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: theory(i) };
  });
  return { name, points };
}
