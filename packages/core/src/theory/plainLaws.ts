import { fmt } from './format.js';
import type { GroupSums } from './jackknife.js';
import { measuredRow } from './theoryRow.js';
import type { TheoryRow } from './types.js';

/**
 * Prediction 1's laws on a plain net's per-seed sums, laid out as plainRuns (and a sweep's plain groups) keep
 * them: ||h_l||^2 at [l], ||delta_l||^2 at [L + l], ||dW_l||^2 at [2L + l], for layers l = 0..L-1.
 */

const ln = Math.log;

/** Least-squares slope of ys against 0, 1, 2, .... */
export function slope(ys: ArrayLike<number>): number {
  const n = ys.length;
  const mx = (n - 1) / 2;
  let my = 0;
  for (let i = 0; i < n; i++) my += ys[i] / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (ys[i] - my);
    sxx += (i - mx) ** 2;
  }
  return sxy / sxx;
}

/** The fewest effective seeds over components [from, from + count). */
export function fewestEffective(sums: GroupSums, from: number, count: number): number {
  let least = Infinity;
  for (let i = from; i < from + count; i++) least = Math.min(least, sums.effectiveSeeds(i));
  return least;
}

/** Where the law was measured, for a row's detail: the ReLU layers 1..L-1 of L, over n seeds. */
const layersText = (L: number, seeds: number) => `over the ReLU layers 1..${L - 1} of L = ${L}, ${seeds} seeds`;

/**
 * Row 1a (forward: ln mean ||h_l||^2 against l) or 1b (backward: ln mean ||delta_l||^2 against -l) of a plain ReLU
 * net with gain sigmaW2: the slope per layer over the ReLU layers 0..L-2 against ln(sigmaW2 / 2).
 */
export function slopeRow(
  id: '1a' | '1b',
  sums: GroupSums,
  L: number,
  sigmaW2: number,
  setting: string,
  level: number,
): TheoryRow {
  const hidden = L - 1; // layers 0..L-2 have a ReLU and a square successor; the output layer has its own law
  const at = id === '1a' ? 0 : L;
  const sign = id === '1a' ? 1 : -1; // the backward signal grows towards the input: slope against -l
  const e = sums.estimate((m) => sign * slope(Array.from(m.subarray(at, at + hidden), ln)), level);
  const predicted = ln(sigmaW2 / 2);
  const seeds = sums.count();
  return measuredRow({
    id,
    setting,
    predicted,
    predictedText: `ln(σ²/2) = ${fmt(predicted)}`,
    estimate: e,
    seeds,
    effectiveSeeds: fewestEffective(sums, at, hidden),
    detail: `ln(${fmt(sigmaW2)}/2) = ${fmt(predicted)}; measured ${fmt(e.value)} ± ${fmt(e.se)} (SE) ${layersText(L, seeds)}.`,
  });
}

/**
 * Row 1c, 1d or 1e: the first and last layers' mean ||dW||^2 over seeds, as a ratio against 1 (its interval on
 * the log scale); the effective seeds of both means guard it (||dW||^2 is heavy-tailed in deep nets).
 */
export function dWRatioRow(
  id: '1c' | '1d' | '1e',
  sums: GroupSums,
  L: number,
  setting: string,
  level: number,
  note = '',
): TheoryRow {
  const [f, l] = [2 * L, 3 * L - 1];
  const e = sums.estimate((m) => m[f] / m[l], level, 'log');
  const first = sums.estimate((m) => m[f], 0.95, 'log');
  const last = sums.estimate((m) => m[l], 0.95, 'log');
  const [ef, el] = [sums.effectiveSeeds(f), sums.effectiveSeeds(l)];
  const seeds = sums.count();
  return measuredRow({
    id,
    setting,
    predicted: 1,
    estimate: e,
    seeds,
    effectiveSeeds: Math.min(ef, el),
    steps: L - 1,
    quantity: `mean ||dW_1||² / mean ||dW_L||² over seeds (L = ${L})`,
    note,
    detail:
      `mean ||dW_1||² ${fmt(first.value)} [${fmt(first.ci[0])}, ${fmt(first.ci[1])}], mean ||dW_L||² ${fmt(last.value)} ` +
      `[${fmt(last.ci[0])}, ${fmt(last.ci[1])}] (95% CIs) over ${seeds} seeds; effective seeds ${fmt(ef)} and ${fmt(el)}.`,
  });
}
