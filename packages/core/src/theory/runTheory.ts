import type { Tick } from './format.js';
import { prediction1, prediction1Units } from './prediction1.js';
import { prediction2, prediction2Units } from './prediction2.js';
import { prediction3, prediction3Units } from './prediction3.js';
import { prediction4, prediction4Units } from './prediction4.js';
import { prediction5, prediction5Units } from './prediction5.js';
import { type ResolvedTheoryOptions, resolveTheoryOptions, type TheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow } from './types.js';

/** The five predictions measured, with the settings used. */
export interface TheoryResult {
  /** The options as resolved (defaults filled in, seed plans), without the progress callback. */
  options: Omit<ResolvedTheoryOptions, 'onProgress'>;
  predictions: PredictionResult[];
  /** Every prediction's rows, in order: the agreement table. */
  rows: TheoryRow[];
  /** Wall-clock seconds. */
  seconds: number;
}

const PREDICTIONS: readonly {
  run: (o: ResolvedTheoryOptions, tick: Tick) => PredictionResult;
  units: (o: ResolvedTheoryOptions) => number;
}[] = [
  { run: prediction1, units: prediction1Units },
  { run: prediction2, units: prediction2Units },
  { run: prediction3, units: prediction3Units },
  { run: prediction4, units: prediction4Units },
  { run: prediction5, units: prediction5Units },
];

/**
 * Measures the predictions (all five by default) against their theory: each runs its networks over seeds
 * 0, 1, 2, ... (createRng(seed), the sweep's draw order), as many as its seed plan asks (fixed, or adaptive:
 * until every row is decided or the plan's maximum), and returns its table rows and figure data.
 * Deterministic: the rows depend on the options only.
 */
export function runTheory(options: TheoryOptions = {}): TheoryResult {
  const t0 = Date.now();
  const { onProgress, ...o } = resolveTheoryOptions(options);
  const chosen = o.predictions.map((p) => PREDICTIONS[p - 1]);
  const total = chosen.reduce((s, p) => s + p.units(o), 0);
  let done = 0;
  const tick: Tick = (label) => onProgress?.(Math.min(++done, total), total, label);
  const predictions = chosen.map((p) => p.run(o, tick));
  return { options: o, predictions, rows: predictions.flatMap((p) => p.rows), seconds: (Date.now() - t0) / 1000 };
}

/**
 * Joins results of runTheory over disjoint sets of predictions (e.g. run in parallel) into the result of one run over
 * them all: predictions and rows in prediction order, the options of the whole, `seconds` as given (wall clock).
 * Equal to a single run's result (every prediction depends on its own options and seeds only), seconds aside.
 */
export function mergeTheoryResults(parts: readonly TheoryResult[], seconds: number): TheoryResult {
  if (parts.length === 0) throw new Error('mergeTheoryResults: no results');
  const predictions = parts.flatMap((p) => p.predictions).sort((a, b) => a.id - b.id);
  return {
    options: { ...parts[0].options, predictions: predictions.map((p) => p.id) },
    predictions,
    rows: predictions.flatMap((p) => p.rows),
    seconds,
  };
}

/** Relative cost of each prediction's default run (for splitting the predictions over threads). */
export const PREDICTION_COST: Readonly<Record<number, number>> = Object.freeze({ 1: 3, 2: 0.3, 3: 0.2, 4: 3, 5: 5 });

/** The predictions dealt into at most `threads` groups of about equal cost (largest first, each to the lightest group). */
export function splitPredictions(predictions: readonly number[], threads: number): number[][] {
  const groups: { cost: number; ids: number[] }[] = Array.from({ length: Math.max(1, threads) }, () => ({
    cost: 0,
    ids: [],
  }));
  for (const id of [...predictions].sort((a, b) => (PREDICTION_COST[b] ?? 1) - (PREDICTION_COST[a] ?? 1))) {
    const g = groups.reduce((m, x) => (x.cost < m.cost ? x : m));
    g.cost += PREDICTION_COST[id] ?? 1;
    g.ids.push(id);
  }
  return groups.filter((g) => g.ids.length).map((g) => g.ids.sort((a, b) => a - b));
}
