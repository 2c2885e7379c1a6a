import type { Tick } from './format.js';
import { prediction1, prediction1Networks } from './prediction1.js';
import { prediction2, prediction2Networks } from './prediction2.js';
import { prediction3, prediction3Networks } from './prediction3.js';
import { prediction4, prediction4Networks } from './prediction4.js';
import { prediction5, prediction5Networks } from './prediction5.js';
import { resolveTheoryOptions, type ResolvedTheoryOptions, type TheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow } from './types.js';

/** The five predictions of issue 10 measured, with the settings used. */
export interface TheoryResult {
  /** The options as resolved (defaults filled in), without the progress callback. */
  options: Omit<ResolvedTheoryOptions, 'onProgress'>;
  predictions: PredictionResult[];
  /** Every prediction's rows, in order: the agreement table. */
  rows: TheoryRow[];
  /** Wall-clock seconds. */
  seconds: number;
}

const PREDICTIONS: readonly {
  run: (o: ResolvedTheoryOptions, tick: Tick) => PredictionResult;
  networks: (o: ResolvedTheoryOptions) => number;
}[] = [
  { run: prediction1, networks: prediction1Networks },
  { run: prediction2, networks: prediction2Networks },
  { run: prediction3, networks: prediction3Networks },
  { run: prediction4, networks: prediction4Networks },
  { run: prediction5, networks: prediction5Networks },
];

/**
 * Measures the predictions (all five by default) against their theory: each runs its networks over the
 * seeds (createRng(seed), the sweep's draw order) and returns its table rows and figure data. Deterministic.
 */
export function runTheory(options: TheoryOptions = {}): TheoryResult {
  const t0 = Date.now();
  const { onProgress, ...o } = resolveTheoryOptions(options);
  const chosen = o.predictions.map((p) => PREDICTIONS[p - 1]);
  const total = chosen.reduce((s, p) => s + p.networks(o), 0);
  let done = 0;
  const tick: Tick = (label) => onProgress?.(++done, total, label);
  const predictions = chosen.map((p) => p.run(o, tick));
  return { options: o, predictions, rows: predictions.flatMap((p) => p.rows), seconds: (Date.now() - t0) / 1000 };
}
