import { summaryStats } from '@resnet/core';
import { csvNumber } from './format.js';
import { STAT_FIRST_GRAD, STAT_LAST_ACT, STAT_LAST_GRAD, STAT_NONFINITE, STAT_RATIO, type GridLayout } from './layout.js';

/** Summary metrics in column order; metric m reads stats slot m (STAT_RATIO .. STAT_LAST_ACT). */
const METRICS = ['ratio', 'first_grad', 'last_grad', 'last_act'] as const;
const STATS = ['median', 'mean', 'geomean', 'p5', 'p25', 'p75', 'p95'] as const;

/** The summary.csv header line. */
export const SUMMARY_HEADER = ['arch', 'depth', 'count', 'nonfinite', ...METRICS.flatMap((m) => STATS.map((s) => `${m}_${s}`))].join(',') + '\n';

/**
 * Builds summary.csv from cells fed in canonical order (group by group), holding one group's
 * values at a time. The same builder serves sweeps (values from records) and merges (from JSON lines).
 */
export class SummaryBuilder {
  private csv = SUMMARY_HEADER;
  private group = 0;
  private filled = 0;
  private nonFiniteCells = 0;
  private values: Float64Array[] = [];
  /** Cells with at least one non-finite metric, over every group so far. */
  totalNonFinite = 0;

  constructor(private readonly layout: GridLayout) {
    this.open(0);
  }

  /** Adds the next cell in canonical order; `stats` holds STAT_FIELDS values at `at`. */
  add(stats: Float64Array, at: number): void {
    while (this.filled === this.groupSize(this.group)) this.close();
    for (let m = 0; m < METRICS.length; m++) this.values[m]![this.filled] = stats[at + m]!;
    if (stats[at + STAT_NONFINITE] !== 0) this.nonFiniteCells++;
    this.filled++;
  }

  /** Closes the remaining groups and returns the whole CSV text. */
  finish(): string {
    while (this.group < this.layout.groupCount) this.close();
    return this.csv;
  }

  private groupSize(g: number): number {
    return this.layout.firstLocal[g + 1]! - this.layout.firstLocal[g]!;
  }

  private open(g: number): void {
    this.group = g;
    this.filled = 0;
    this.nonFiniteCells = 0;
    const size = g < this.layout.groupCount ? this.groupSize(g) : 0;
    this.values = METRICS.map(() => new Float64Array(size));
  }

  private close(): void {
    const g = this.group;
    if (g >= this.layout.groupCount) throw new Error('SummaryBuilder: more cells than the grid holds');
    const row: string[] = [this.layout.groupArch[g]!, String(this.layout.groupDepth[g]), String(this.filled), String(this.nonFiniteCells)];
    for (const values of this.values) {
      const s = summaryStats(values.subarray(0, this.filled));
      for (const name of STATS) row.push(csvNumber(s[name]));
    }
    this.csv += row.join(',') + '\n';
    this.totalNonFinite += this.nonFiniteCells;
    this.open(g + 1);
  }
}

/** Packs one cell's summary values into stats[at..at+STAT_FIELDS). */
export function packStats(stats: Float64Array, at: number, ratio: number, firstGrad: number, lastGrad: number, lastAct: number, nonFinite: boolean): void {
  stats[at + STAT_RATIO] = ratio;
  stats[at + STAT_FIRST_GRAD] = firstGrad;
  stats[at + STAT_LAST_GRAD] = lastGrad;
  stats[at + STAT_LAST_ACT] = lastAct;
  stats[at + STAT_NONFINITE] = nonFinite ? 1 : 0;
}
