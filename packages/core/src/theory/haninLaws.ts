import { fmt } from './format.js';
import { type Estimate, type GroupSums, jackknife } from './jackknife.js';
import { reluLayerLogVariance } from './special.js';
import { measuredRow } from './theoryRow.js';
import type { TheoryRow } from './types.js';
import { minOf } from '../extrema.js';

/**
 * Prediction 5's laws on plain nets' per-seed sums of [v, v^2], v = ln(||h_L||^2 / ||x||^2) (a dead net, h_L = 0,
 * is counted apart, not added).
 */

/** Sample variance (n - 1 in the denominator) of v from the per-seed sums of [v, v^2], without seed group skip. */
export function logGainVariance(s: GroupSums, skip = -1): number {
  const m = s.mean(skip);
  const n = s.count(skip);
  return ((m[1] - m[0] * m[0]) * n) / (n - 1);
}

/** One net of prediction 5: its sums, beta = sum_l 1/width_l, and the exact finite-width variance. */
export interface HaninNet {
  sums: GroupSums;
  beta: number;
  exact: number;
  /** Seeds whose net was dead (h_L = 0), left out. */
  dead: number;
}

/**
 * Exact finite-width Var ln(||h_L||^2 / ||x||^2) of a He-initialised plain ReLU net with Gaussian weights: the
 * layers' log-gains are independent (rotation invariance), each ln of a chi-square with Binomial(outDim, 1/2)
 * degrees of freedom whatever sigma_w^2 and fan-in; so the sum of reluLayerLogVariance over the layers' widths.
 */
export function exactLogVariance(widths: readonly number[]): number {
  return widths.reduce((s, n) => s + reluLayerLogVariance(n), 0);
}

/** f of every net's variance, with a jackknife that leaves out seed group g in every net at once (log scale). */
export function jointVariance(nets: readonly HaninNet[], f: (vars: number[]) => number, level: number): Estimate {
  return jackknife((skip) => f(nets.map((c) => logGainVariance(c.sums, skip))), level, 'log');
}

const sum = (v: readonly number[]) => v.reduce((s, x) => s + x, 0);

/** Row 5a (against 5 beta) or 5b (against the exact value): the measured variance summed over nets, as a ratio. */
export function haninSumRow(
  id: '5a' | '5b',
  nets: readonly HaninNet[],
  setting: string,
  level: number,
  note = '',
  detail = '',
): TheoryRow {
  const theory = nets.map((c) => (id === '5a' ? 5 * c.beta : c.exact));
  const e = jointVariance(nets, (v) => sum(v) / sum(theory), level);
  const dead = nets.reduce((s, c) => s + c.dead, 0);
  const seeds = minOf(nets.map((c) => c.sums.count()));
  return measuredRow({
    id,
    setting,
    predicted: 1,
    estimate: e,
    seeds,
    quantity: `sum over ${nets.length} nets of measured Var / sum of ${id === '5a' ? '5β' : 'the exact values'}`,
    note,
    detail: `${detail}${detail ? ' ' : ''}${dead} dead nets (h_L = 0) left out.`,
  });
}

/** Row 5c: the ratio of two nets' measured variances against the ratio of their betas (1 for equal beta). */
export function equalBetaRow(a: HaninNet, b: HaninNet, setting: string, level: number, note = ''): TheoryRow {
  const e = jointVariance([a, b], (v) => v[0] / v[1], level);
  return measuredRow({
    id: '5c',
    setting,
    predicted: a.beta / b.beta,
    estimate: e,
    seeds: Math.min(a.sums.count(), b.sums.count()),
    note,
    detail: `measured Var ${fmt(logGainVariance(a.sums))} and ${fmt(logGainVariance(b.sums))}; the exact finite-width ratio is ${fmt(a.exact / b.exact)}.`,
  });
}

/** The exact finite-width variance over 5 beta for a net of one width n (any depth): n Var[ln chi^2_K | K >= 1] / 5. */
export const finiteWidthExcess = (n: number) => (n * reluLayerLogVariance(n)) / 5;
