import { studentTQuantile } from './studentT.js';

/**
 * Confidence intervals for statistics over seeds by the delete-one-group jackknife: the seeds are dealt
 * into JACKKNIFE_GROUPS groups (seed index mod groups), the statistic is recomputed with each group left
 * out, and the interval is estimate ± t(df = groups - 1) · SE. Works for any smooth statistic of per-seed
 * sums (means, ratios of means, slopes of log means, variances); nothing is resampled at random. A positive
 * quantity (a mean squared norm, a ratio of them, a variance) takes its interval on the log scale, so the
 * interval is positive and as skewed as the quantity.
 */

/** Number of groups the seeds are dealt into. */
export const JACKKNIFE_GROUPS = 20;

/** The scale an interval is symmetric on: `log` for positive quantities (exp(ln v ± t·se)), `linear` otherwise. */
export type Scale = 'linear' | 'log';

/** An estimate with its jackknife standard error and confidence interval. */
export interface Estimate {
  /** The statistic over all seeds. */
  value: number;
  /** Jackknife standard error on `scale` (of ln value on the log scale). */
  se: number;
  /** [lo, hi] = value ± t · se (linear) or value · exp(± t · se) (log), at the requested level; NaN when undefined. */
  ci: [number, number];
  /** Confidence level of ci, e.g. 0.99. */
  level: number;
  scale: Scale;
}

const tCache = new Map<number, number>();

/** The two-sided t quantile with JACKKNIFE_GROUPS - 1 degrees of freedom at level (cached). */
export function jackknifeT(level: number): number {
  let t = tCache.get(level);
  if (t === undefined) {
    t = studentTQuantile(JACKKNIFE_GROUPS - 1, level);
    tCache.set(level, t);
  }
  return t;
}

/**
 * Per-group sums of per-seed vectors: add(seedIndex, values) accumulates; estimate(f) evaluates f on the
 * mean vector over all seeds and over each leave-one-group-out subset. Sums of squares over all seeds
 * give each component's effective number of seeds.
 */
export class GroupSums {
  private readonly sums: Float64Array[];
  private readonly counts = new Float64Array(JACKKNIFE_GROUPS);
  private readonly squares: Float64Array;

  constructor(readonly size: number) {
    this.sums = Array.from({ length: JACKKNIFE_GROUPS }, () => new Float64Array(size));
    this.squares = new Float64Array(size);
  }

  /** Adds one seed's values (length size) to its group. */
  add(seedIndex: number, values: ArrayLike<number>): void {
    const g = seedIndex % JACKKNIFE_GROUPS;
    const s = this.sums[g];
    const q = this.squares;
    for (let i = 0; i < this.size; i++) {
      s[i] += values[i];
      q[i] += values[i] * values[i];
    }
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

  /**
   * Kish's effective number of seeds of component i, (sum x)^2 / sum x^2: the seed count when every seed
   * contributes alike, far fewer when a few seeds carry a mean of a positive, heavy-tailed quantity.
   */
  effectiveSeeds(i: number): number {
    let s = 0;
    for (let g = 0; g < JACKKNIFE_GROUPS; g++) s += this.sums[g][i];
    const q = this.squares[i];
    return q > 0 ? (s * s) / q : 0;
  }

  /** f of the means, with its jackknife SE and interval at level on scale. */
  estimate(f: (mean: Float64Array) => number, level = 0.99, scale: Scale = 'linear'): Estimate {
    return jackknife((skip) => f(this.mean(skip)), level, scale);
  }
}

/**
 * The jackknife of a statistic given as stat(skip): its value over all seeds at skip = -1 and without seed
 * group g at skip = g. Interval: value ± t(19 df) · SE on the linear scale; on the log scale the same for
 * ln stat, mapped back (NaN when a value is not positive).
 */
export function jackknife(stat: (skip: number) => number, level = 0.99, scale: Scale = 'linear'): Estimate {
  const value = stat(-1);
  const on = scale === 'log' ? (v: number) => (v > 0 ? Math.log(v) : NaN) : (v: number) => v;
  const centre = on(value);
  const leave = Array.from({ length: JACKKNIFE_GROUPS }, (_, g) => on(stat(g)));
  const m = leave.reduce((a, b) => a + b, 0) / JACKKNIFE_GROUPS;
  const ss = leave.reduce((a, v) => a + (v - m) ** 2, 0);
  const se = Math.sqrt(((JACKKNIFE_GROUPS - 1) / JACKKNIFE_GROUPS) * ss);
  const t = jackknifeT(level);
  const ci: [number, number] =
    scale === 'log' ? [Math.exp(centre - t * se), Math.exp(centre + t * se)] : [centre - t * se, centre + t * se];
  return { value, se, ci, level, scale };
}

/** Whether x lies in the closed interval ci. */
export function inInterval(x: number, ci: readonly [number, number]): boolean {
  return x >= ci[0] && x <= ci[1];
}
