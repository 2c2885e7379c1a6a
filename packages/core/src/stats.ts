/** Summary statistics of a sample, as the sweep summary and the report figures use them. */
export interface SummaryStats {
  /** Number of finite values the statistics are over. */
  count: number;
  /** Number of NaN or infinite values left out. */
  nonFinite: number;
  median: number;
  mean: number;
  /** exp(mean(log x)); NaN when any value is <= 0. */
  geomean: number;
  p5: number;
  p25: number;
  p75: number;
  p95: number;
  min: number;
  max: number;
}

/** Quantile p in [0, 1] of an ascending-sorted array by linear interpolation (numpy's default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const frac = h - lo;
  return frac === 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
}

/** Statistics over the finite values of values (non-finite ones are counted, not used). */
export function summaryStats(values: ArrayLike<number>): SummaryStats {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  const n = sorted.length;
  let sum = 0;
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    sum += sorted[i];
    logSum += sorted[i] > 0 ? Math.log(sorted[i]) : NaN;
  }
  return {
    count: n,
    nonFinite: values.length - n,
    median: quantileSorted(sorted, 0.5),
    mean: n ? sum / n : NaN,
    geomean: n ? Math.exp(logSum / n) : NaN,
    p5: quantileSorted(sorted, 0.05),
    p25: quantileSorted(sorted, 0.25),
    p75: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    min: n ? sorted[0] : NaN,
    max: n ? sorted[n - 1] : NaN,
  };
}
