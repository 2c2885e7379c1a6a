import { type CheckSpec, check } from './checks.js';
import { fmt } from './format.js';
import type { Estimate } from './jackknife.js';
import type { TheoryRow } from './types.js';
import { alternativeText, decide, decideExact, type Tolerance } from './verdict.js';

/** What a measured check knows: its id and setting, the prediction, the estimate and the seeds behind it. */
export interface MeasuredCheck {
  id: string;
  setting: string;
  predicted: number;
  /** How the predicted value reads in the alternative, e.g. `ln(σ²/2) = -0.2877`; default fmt(predicted). */
  predictedText?: string;
  estimate: Estimate;
  seeds: number;
  /** The fewest effective seeds of the positive means the estimate rests on (MIN_EFFECTIVE_SEEDS guards it). */
  effectiveSeeds?: number;
  /** Layers or blocks the law runs over, for a check whose tolerance is per layer or block (CheckSpec.per). */
  steps?: number;
  /** What was measured, when more specific than the check's (e.g. with L and B). */
  quantity?: string;
  note?: string;
  detail: string;
}

/** A row of the table from a measured check, with its verdict by the check's rule (verdict.ts). */
export function measuredRow(m: MeasuredCheck): TheoryRow {
  const c = check(m.id);
  const tolerance = rowTolerance(c, m.steps);
  if (tolerance.kind === 'exact') throw new Error(`check ${m.id} is an exact identity: use exactRow`);
  const d = decide({
    predicted: m.predicted,
    estimate: m.estimate,
    tolerance,
    seeds: m.seeds,
    ...(m.effectiveSeeds === undefined ? {} : { effectiveSeeds: m.effectiveSeeds }),
  });
  return {
    ...rowHead(c, m),
    predicted: m.predicted,
    measured: m.estimate.value,
    ci: m.estimate.ci,
    level: m.estimate.level,
    tolerance,
    alternative: alternativeText(tolerance, m.predictedText ?? fmt(m.predicted)),
    verdict: d.verdict,
    ...rowTail(m, d.seedsNeeded, d.reason),
    ...(c.limit ? { limit: c.limit } : {}),
  };
}

/** A row's first fields (in the order theory.json lists them): the check, the setting and what was measured. */
function rowHead(c: CheckSpec, m: { setting: string; quantity?: string }) {
  return { id: c.id, prediction: c.prediction, law: c.law, setting: m.setting, quantity: m.quantity ?? c.quantity };
}

/** A row's last fields: the seeds, those that would decide it, why, and the notes. */
function rowTail(m: { seeds: number; note?: string; detail: string }, seedsNeeded: number | null, reason: string) {
  return { seeds: m.seeds, seedsNeeded, reason, note: m.note ?? '', detail: m.detail };
}

/** A check's tolerance for a row over `steps` layers or blocks: (1 + value)^steps - 1 when it is stated per step. */
export function rowTolerance(c: CheckSpec, steps?: number): Tolerance {
  if (!c.per) return c.tolerance;
  if (c.tolerance.kind !== 'relative' || steps === undefined || !(steps >= 1))
    throw new Error(
      `check ${c.id}: a per-${c.per} tolerance needs a relative one and the row's ${c.per}s (got ${steps})`,
    );
  return { kind: 'relative', value: (1 + c.tolerance.value) ** steps - 1 };
}

/** What an exact identity knows: its largest relative error over every seed, block and net, and where. */
export interface ExactCheck {
  id: string;
  setting: string;
  worst: number;
  seeds: number;
  /** What the worst error is over, e.g. `1,000 seeds x 11 blocks x 2 block kinds`. */
  over: string;
  quantity?: string;
  note?: string;
  detail: string;
}

/** A row of the table from an exact identity: predicted 0, measured its largest relative error. */
export function exactRow(m: ExactCheck): TheoryRow {
  const c = check(m.id);
  if (c.tolerance.kind !== 'exact') throw new Error(`check ${m.id} is not an exact identity`);
  const d = decideExact(m.worst, c.tolerance.value, m.over);
  return {
    ...rowHead(c, m),
    predicted: 0,
    measured: m.worst,
    ci: null,
    level: null,
    tolerance: c.tolerance,
    alternative: alternativeText(c.tolerance, '0'),
    verdict: d.verdict,
    ...rowTail(m, null, d.reason),
  };
}
