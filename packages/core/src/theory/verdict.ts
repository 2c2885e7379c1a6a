import { fmt, fmtCi } from './format.js';
import { JACKKNIFE_GROUPS, type Estimate } from './jackknife.js';

/**
 * The verdict of a check: `agrees` when the interval shows the measurement within the tolerance of the
 * prediction (so a deviation of the tolerance would have shown), `fails` when it shows it beyond, and
 * `inconclusive` when the interval reaches both sides of the tolerance's edge or rests on too few seeds.
 */
export type Verdict = 'agrees' | 'inconclusive' | 'fails';

/**
 * How close counts as agreement, fixed before measuring: within a factor 1 + value either way (`relative`,
 * decided on the log scale), within ± value (`absolute`), above the prediction (`above`, a bound), or an
 * exact identity whose largest relative error over every seed must stay below value (`exact`).
 */
export type Tolerance =
  | { kind: 'relative'; value: number }
  | { kind: 'absolute'; value: number }
  | { kind: 'above' }
  | { kind: 'exact'; value: number };

/**
 * Fewest effective seeds (GroupSums.effectiveSeeds) a mean needs before its interval is trusted: 2.5 per seed group.
 * A heavy-tailed mean (a deep net's ||dW||^2) has far fewer than it has seeds, and its jackknife has not yet seen the
 * seeds that would widen it.
 */
export const MIN_EFFECTIVE_SEEDS = 2.5 * JACKKNIFE_GROUPS;

/** A verdict with the seeds that would decide an inconclusive one and the reason in one line. */
export interface Decision {
  verdict: Verdict;
  /** Inconclusive: seeds that would decide it if the estimate and its spread per seed stay as measured; null when no count would (the estimate sits on the edge), and for decided rows. */
  seedsNeeded: number | null;
  /** One line: what the interval shows against the tolerance. */
  reason: string;
}

/** The tolerance in words, e.g. `±5%`, `±0.02`, `> prediction`, `exact (< 1e-12)`. */
export function toleranceText(t: Tolerance): string {
  if (t.kind === 'relative') return `±${fmt(100 * t.value)}%`;
  if (t.kind === 'absolute') return `±${fmt(t.value)}`;
  if (t.kind === 'above') return 'a lower bound';
  return `exact (< ${fmt(t.value)})`;
}

/** What the check is tested against, in words: the alternative the data must be able to show. */
export function alternativeText(t: Tolerance, predicted: string): string {
  if (t.kind === 'relative') return `off by a factor ${fmt(1 + t.value)} or more from ${predicted}`;
  if (t.kind === 'absolute') return `off by ${fmt(t.value)} or more from ${predicted}`;
  if (t.kind === 'above') return `at or below ${predicted}`;
  return `any relative error of ${fmt(t.value)} or more (beyond rounding)`;
}

const roundSeeds = (n: number) => Math.ceil(n / JACKKNIFE_GROUPS) * JACKKNIFE_GROUPS;

/** The inputs of decide: the prediction, the estimate with its interval, the rule, and the seeds behind it. */
export interface DecideInput {
  predicted: number;
  estimate: Estimate;
  tolerance: Exclude<Tolerance, { kind: 'exact' }>;
  /** Seeds the estimate is over. */
  seeds: number;
  /** The fewest effective seeds of the means the statistic rests on (positive heavy-tailed ones); omit when none. */
  effectiveSeeds?: number;
}

/**
 * The rule, fixed in advance. On the decision scale (log for `relative`, as the estimate's interval must be)
 * the band is the prediction ± tolerance: the interval inside the band agrees, the interval clear of it
 * fails, anything else is inconclusive; so is a verdict resting on fewer than MIN_EFFECTIVE_SEEDS effective
 * seeds. An inconclusive row says how many seeds would decide it (interval half-width ∝ 1/√seeds).
 */
export function decide(input: DecideInput): Decision {
  const { predicted, estimate: e, tolerance: tol, seeds } = input;
  const log = e.scale === 'log';
  const on = (v: number) => (log ? (v > 0 ? Math.log(v) : v === Infinity ? Infinity : NaN) : v);
  const c = on(e.value);
  const [lo, hi] = [on(e.ci[0]), on(e.ci[1])];
  const pct = `${fmt(100 * e.level)}% CI ${fmtCi(e.ci)}`;
  // The band in the quantity's own units, then on the interval's scale.
  const [A, B] =
    tol.kind === 'above'
      ? [predicted, Infinity]
      : tol.kind === 'relative'
        ? [predicted / (1 + tol.value), predicted * (1 + tol.value)]
        : [predicted - tol.value, predicted + tol.value];
  const [a, b] = [on(A), on(B)];
  if (![c, lo, hi, a].every(Number.isFinite) || Number.isNaN(b)) {
    return {
      verdict: 'inconclusive',
      seedsNeeded: null,
      reason: `the ${pct} is undefined at ${thousands(seeds)} seeds`,
    };
  }
  const half = Math.max(c - lo, hi - c);
  const band = tol.kind === 'above' ? `above ${fmt(predicted)}` : `within ${toleranceText(tol)} of ${fmt(predicted)}`;
  const inside = tol.kind === 'above' ? lo > a : lo >= a && hi <= b;
  let verdict: Verdict = inside ? 'agrees' : hi < a || lo > b ? 'fails' : 'inconclusive';
  // Seeds for the interval to clear the nearest edge of the band, with the estimate where it is.
  const edge = Math.min(Math.abs(c - a), Math.abs(c - b));
  const byWidth = verdict === 'inconclusive' ? (edge > 0 ? seeds * (half / edge) ** 2 : Infinity) : seeds;
  const ess = input.effectiveSeeds;
  const fewSeeds = ess !== undefined && ess < MIN_EFFECTIVE_SEEDS;
  const byTail = fewSeeds ? (seeds * MIN_EFFECTIVE_SEEDS) / Math.max(ess, 1) : seeds;
  const shown = verdict;
  if (fewSeeds) verdict = 'inconclusive';
  const needed = Math.max(byWidth, byTail);
  const seedsNeeded = verdict === 'inconclusive' && Number.isFinite(needed) ? roundSeeds(needed * 1.05) : null;
  const decideText =
    seedsNeeded === null
      ? 'the estimate sits on the edge: no seed count decides it'
      : `about ${thousands(seedsNeeded)} seeds would decide it`;
  let reason: string;
  if (fewSeeds)
    reason = `a few seeds carry the mean (${fmt(ess)} effective of ${thousands(seeds)}; the interval is trusted from ${MIN_EFFECTIVE_SEEDS}${shown !== 'inconclusive' ? `, it would say ${shown}` : ''}): ${decideText}`;
  else if (verdict === 'agrees') reason = `the ${pct} lies ${band}: a deviation of the tolerance would have shown`;
  else if (verdict === 'fails')
    reason = `the ${pct} lies clear of ${tol.kind === 'above' ? `the bound: at most ${fmt(predicted)}` : `the band ${band}`}`;
  else reason = `the ${pct} reaches both sides of the band's edge (${band}): ${decideText}`;
  return { verdict, seedsNeeded, reason };
}

/** The verdict of an exact identity: its largest relative error over every seed against the tolerance. */
export function decideExact(worst: number, tolerance: number, over: string): Decision {
  const agrees = worst < tolerance;
  return {
    verdict: agrees ? 'agrees' : 'fails',
    seedsNeeded: null,
    reason: Number.isNaN(worst)
      ? `a non-finite value over ${over}`
      : `largest relative error ${fmt(worst)} ${agrees ? '<' : '>='} ${fmt(tolerance)} over ${over}`,
  };
}

/** An integer with thin thousands separators: 20000 -> `20,000`. */
export function thousands(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
