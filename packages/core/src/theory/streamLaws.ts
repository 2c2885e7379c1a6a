import { fmt } from './format.js';
import type { Estimate, GroupSums } from './jackknife.js';
import { notebookStreamMeanField } from './meanField.js';
import { measuredRow } from './theoryRow.js';
import type { TheoryRow } from './types.js';

/**
 * Prediction 4's laws on a residual net's per-seed sums, laid out as streamRuns (and a sweep's residual groups) keep
 * them: ||x_b||^2 at [b] for b = 0..B, and ln(||x_B|| / ||x_0||) / B at [B + 1].
 */

/** mean ||x_B||^2 / mean ||x_0||^2 with its interval on the log scale. */
export function streamRatio(sums: GroupSums, B: number, level: number): Estimate {
  return sums.estimate((m) => m[B] / m[0], level, 'log');
}

/** What rows 4a, 4b and 4d measure: the stream ratio over B blocks, with its seeds and effective seeds. */
function streamMeasured(sums: GroupSums, B: number, level: number) {
  return {
    estimate: streamRatio(sums, B, level),
    seeds: sums.count(),
    effectiveSeeds: Math.min(sums.effectiveSeeds(0), sums.effectiveSeeds(B)),
    steps: B,
    quantity: `mean ||x_B||² / mean ||x_0||² over seeds (B = ${B})`,
  };
}

/** Prediction 4's law for per-block branch scales eta_b (b = 1..B): prod_b (1 + eta_b^2). */
export function preactLaw(etas: readonly number[]): number {
  return etas.reduce((p, eta) => p * (1 + eta * eta), 1);
}

/** Rows 4a (zero-mean stream) and 4b (ReLU input projection): mean ||x_B||^2 / mean ||x_0||^2 against the law. */
export function preactRow(
  id: '4a' | '4b',
  sums: GroupSums,
  B: number,
  law: number,
  setting: string,
  level: number,
  note = '',
  lawText = '',
): TheoryRow {
  const m = streamMeasured(sums, B, level);
  return measuredRow({
    ...m,
    id,
    setting,
    predicted: law,
    note,
    detail: `${lawText || 'the law'} = ${fmt(law)}; measured ${fmt(m.estimate.value)}, ${fmt(m.estimate.value / law)}x the law, over ${m.seeds} seeds.`,
  });
}

/** Row 4c: the geometric-mean growth of ||x_b|| per block against the zero-mean law's sqrt(2), a lower bound. */
export function growthRow(sums: GroupSums, B: number, setting: string, level: number): TheoryRow {
  const e = sums.estimate((m) => Math.exp(m[B + 1]), level, 'log');
  const rms = sums.estimate((m) => (m[B] / m[0]) ** (1 / (2 * B)), 0.95, 'log');
  return measuredRow({
    id: '4c',
    setting,
    predicted: Math.SQRT2,
    predictedText: '√2',
    estimate: e,
    seeds: sums.count(),
    detail: `geometric-mean growth ${fmt(e.value)} per block in norm; root of the mean-square growth (E||x_B||²/E||x_0||²)^(1/2B) = ${fmt(rms.value)} [${fmt(rms.ci[0])}, ${fmt(rms.ci[1])}] (95%).`,
  });
}

/** Row 4d: the notebook block's mean ||x_B||^2 / mean ||x_0||^2 against the mean-field recursion's q_B. */
export function meanFieldRow(sums: GroupSums, B: number, setting: string, level: number, note = ''): TheoryRow {
  const field = notebookStreamMeanField(B)[B];
  const m = streamMeasured(sums, B, level);
  return measuredRow({
    ...m,
    id: '4d',
    setting,
    predicted: field,
    predictedText: `q_B = ${fmt(field)}`,
    note,
    detail: `mean-field (width → ∞) q_B = ${fmt(field)}, i.e. ${fmt(field ** (1 / (2 * B)))} per block in norm (→ 1.70 as B grows); measured ${fmt(m.estimate.value)}, ${fmt(m.estimate.value / field)}x, over ${m.seeds} seeds.`,
  });
}
