/**
 * Confidence intervals for statistics over seeds by the delete-one-group jackknife: the seeds are dealt
 * into JACKKNIFE_GROUPS groups (seed index mod groups), the statistic is recomputed with each group left
 * out, and the interval is estimate ± t(df = groups - 1) · SE. Works for any smooth statistic of per-seed
 * sums (means, ratios of means, slopes of log means, variances); nothing is resampled at random.
 */

/** Number of groups the seeds are dealt into. */
export const JACKKNIFE_GROUPS = 20;

/** Two-sided Student t quantiles with JACKKNIFE_GROUPS - 1 = 19 degrees of freedom, by level. */
const T19: Readonly<Record<string, number>> = { '0.95': 2.093024054, '0.99': 2.860934606 };

/** An estimate with its jackknife standard error and confidence interval. */
export interface Estimate {
  /** The statistic over all seeds. */
  value: number;
  /** Jackknife standard error. */
  se: number;
  /** [lo, hi] = value ± t · se at the requested level. */
  ci: [number, number];
  /** Confidence level of ci (0.95 or 0.99). */
  level: number;
}

/**
 * Per-group sums of per-seed vectors: add(seedIndex, values) accumulates; estimate(f) evaluates f on the
 * mean vector over all seeds and over each leave-one-group-out subset.
 */
export class GroupSums {
  private readonly sums: Float64Array[];
  private readonly counts = new Float64Array(JACKKNIFE_GROUPS);

  constructor(readonly size: number) {
    this.sums = Array.from({ length: JACKKNIFE_GROUPS }, () => new Float64Array(size));
  }

  /** Adds one seed's values (length size) to its group. */
  add(seedIndex: number, values: ArrayLike<number>): void {
    const g = seedIndex % JACKKNIFE_GROUPS;
    const s = this.sums[g];
    for (let i = 0; i < this.size; i++) s[i] += values[i];
    this.counts[g]++;
  }

  /** Seeds added so far (without group `skip`). */
  count(skip = -1): number {
    let n = 0;
    for (let g = 0; g < JACKKNIFE_GROUPS; g++) if (g !== skip) n += this.counts[g];
    return n;
  }

  /** Mean of every component over all seeds (or without group `skip`). */
  mean(skip = -1): Float64Array {
    const out = new Float64Array(this.size);
    let n = 0;
    for (let g = 0; g < JACKKNIFE_GROUPS; g++) {
      if (g === skip) continue;
      n += this.counts[g];
      for (let i = 0; i < this.size; i++) out[i] += this.sums[g][i];
    }
    for (let i = 0; i < this.size; i++) out[i] /= n;
    return out;
  }

  /** f of the means, with its jackknife SE and interval at level (0.95 or 0.99). */
  estimate(f: (mean: Float64Array) => number, level: 0.95 | 0.99 = 0.99): Estimate {
    return jackknife((skip) => f(this.mean(skip)), level);
  }
}

/**
 * The jackknife of a statistic given as stat(skip): its value over all seeds at skip = -1 and without seed
 * group g at skip = g. Interval: value ± t(0.975 or 0.995, 19 df) · SE.
 */
export function jackknife(stat: (skip: number) => number, level: 0.95 | 0.99 = 0.99): Estimate {
  const value = stat(-1);
  const leave = Array.from({ length: JACKKNIFE_GROUPS }, (_, g) => stat(g));
  const m = leave.reduce((a, b) => a + b, 0) / JACKKNIFE_GROUPS;
  const ss = leave.reduce((a, v) => a + (v - m) ** 2, 0);
  const se = Math.sqrt(((JACKKNIFE_GROUPS - 1) / JACKKNIFE_GROUPS) * ss);
  const t = T19[String(level)];
  return { value, se, ci: [value - t * se, value + t * se], level };
}

/** Whether x lies in the closed interval ci. */
export function inInterval(x: number, ci: readonly [number, number]): boolean {
  return x >= ci[0] && x <= ci[1];
}
