import type { GroupSums } from './jackknife.js';
import type { TheorySeries } from './types.js';

/**
 * A series from components [at, at + count) of per-seed sums: at each i the mean over seeds with its 95%
 * jackknife CI, and theory(i). x is i + 1 unless xOf is given.
 */
export function bandSeries(
  name: string,
  sums: GroupSums,
  at: number,
  count: number,
  theory: (i: number) => number | null,
  xOf: (i: number) => number = (i) => i + 1,
): TheorySeries {
  const points = Array.from({ length: count }, (_, i) => {
    const e = sums.estimate((m) => m[at + i], 0.95);
    return { x: xOf(i), mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: theory(i) };
  });
  return { name, points };
}
