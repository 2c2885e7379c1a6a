import type { Tolerance, Verdict } from './verdict.js';

/** One line of the agreement table: a check (its law, by id) measured in one setting, and its verdict. */
export interface TheoryRow {
  /** Check id (checks.ts), e.g. `1a`: the same law wherever it appears (`resnet theory`, a sweep's Variants section). */
  id: string;
  /** Number of the prediction (1 to 5). */
  prediction: number;
  /** The law in words (the check's, from checks.ts). */
  law: string;
  /** Where it was measured, e.g. `σ² = 1.5` or `L = 40`; a sweep's rows name their variant and depth. */
  setting: string;
  /** What predicted and measured are, e.g. `slope of ln mean ||h_l||² per layer`. */
  quantity: string;
  predicted: number;
  measured: number;
  /** Confidence interval of measured at `level`, or null for an exact identity (measured is then its largest error). */
  ci: [number, number] | null;
  /** Confidence level of ci, or null. */
  level: number | null;
  /** How close counts as agreement, fixed in advance. */
  tolerance: Tolerance;
  /** What the check is tested against, in words. */
  alternative: string;
  verdict: Verdict;
  /** Seeds the row's numbers are over (for an adaptive run: where its verdict was reached). */
  seeds: number;
  /** An inconclusive row: about how many seeds would decide it (null when no count would, and for decided rows). */
  seedsNeeded: number | null;
  /** One line: why the verdict is what it is. */
  reason: string;
  /** A short remark on the mechanism or the limit, or ''. */
  note: string;
  /** The numbers behind the verdict. */
  detail: string;
  /** A law that holds in a limit: which, e.g. `width → ∞`; absent for laws stated at finite size. */
  limit?: string;
}

/** One x position of a series: the measured mean and its 95% band over seeds, and the theory's value. */
export interface TheoryPoint {
  x: number;
  /** Measured mean over seeds, or null where only the theory is drawn. */
  mean: number | null;
  /** 95% confidence interval of the mean (jackknife over seed groups; log scale for positive quantities), or null. */
  lo: number | null;
  hi: number | null;
  /** The theory's value here, or null where there is none. */
  theory: number | null;
}

/** A measured curve with its theory line (one colour in a figure; the same name is the same colour in every panel). */
export interface TheorySeries {
  /** Legend label, e.g. `σ² = 1.5`. */
  name: string;
  /** The panel (small multiple) it is drawn in, e.g. `forward ||h_l||²`; absent: the figure has one panel. */
  panel?: string;
  points: TheoryPoint[];
}

/** The data of a prediction's figure. */
export interface TheoryFigure {
  xTitle: string;
  yTitle: string;
  logY: boolean;
  /** Log x axis (e.g. widths 8 to 64). */
  logX?: boolean;
  series: TheorySeries[];
  /** What the dashed theory lines are, in words (the caption's second sentence). */
  theoryNote: string;
}

/** Everything one prediction measured: its rows of the table and the data of its figures. */
export interface PredictionResult {
  /** 1 to 5. */
  id: number;
  /** Short title, e.g. `Plain ReLU net: a factor σ²/2 per layer`. */
  title: string;
  /** Source of the theory, e.g. `He et al. 2015 sec. 2.2`. */
  source: string;
  rows: TheoryRow[];
  /** Figure data: axis titles, scales and the series. */
  figure: TheoryFigure;
  /** More figures of the prediction (e.g. the approach of a width → ∞ law over widths), each with its own title. */
  extraFigures?: { name: string; title: string; figure: TheoryFigure }[];
  /** Seeds of the figure's bands (per network). */
  seeds: number;
}

/**
 * A relative error |a - b| / |b|: |a| when b is 0, and 0 when both are 0 (an identity that holds as 0 = 0, e.g. a
 * backward signal that is 0 at every block because every output unit is dead, is exact).
 */
export function relError(a: number, b: number): number {
  if (a === 0 && b === 0) return 0;
  return b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
}

/** The larger of worst and err, where a NaN err (a non-finite network) counts as the worst error of all. */
export function worse(worst: number, err: number): number {
  return Number.isNaN(err) ? Infinity : Math.max(worst, err);
}
