import { runDiverged, type RunRecord } from './record.js';

/** One (arch, depth) of a training folder: final values over its seeds. */
export interface TrainSummaryRow {
  arch: string;
  depth: number;
  /** Runs of the group in the folder. */
  count: number;
  /** Runs whose final train loss (or error) is NaN or infinite (the net diverged). */
  nonFinite: number;
  trainError: SpreadStats;
  testError: SpreadStats;
  trainLoss: SpreadStats;
}

/** Median, min and max over the finite values (NaN when there are none). */
export interface SpreadStats {
  median: number;
  min: number;
  max: number;
}

/** summary.csv's header. */
export const TRAIN_SUMMARY_HEADER =
  'arch,depth,count,nonfinite,train_error_median,train_error_min,train_error_max,test_error_median,test_error_min,test_error_max,train_loss_median,train_loss_min,train_loss_max';

/** Median (mean of the middle two for an even count), min and max of the finite values. */
export function spread(values: ReadonlyArray<number | null>): SpreadStats {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN };
  const m = v.length >> 1;
  return { median: v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2, min: v[0]!, max: v[v.length - 1]! };
}

/** One row per (arch, depth) in grid order (archs as given, depths ascending), over the records present. */
export function summarizeRuns(
  archs: readonly string[],
  depths: readonly number[],
  runs: readonly RunRecord[],
): TrainSummaryRow[] {
  const rows: TrainSummaryRow[] = [];
  for (const arch of archs) {
    for (const depth of depths) {
      const group = runs.filter((r) => r.arch === arch && r.depth === depth);
      if (group.length === 0) continue;
      rows.push({
        arch,
        depth,
        count: group.length,
        nonFinite: group.filter(runDiverged).length,
        trainError: spread(group.map((r) => r.finalTrainError)),
        testError: spread(group.map((r) => r.finalTestError)),
        trainLoss: spread(group.map((r) => r.finalTrainLoss)),
      });
    }
  }
  return rows;
}

/** summary.csv's text: the header, then one line per row; numbers in shortest round-trip form. */
export function trainSummaryCsv(rows: readonly TrainSummaryRow[]): string {
  const s = (x: SpreadStats) => [x.median, x.min, x.max].map(String).join(',');
  const lines = rows.map((r) =>
    [r.arch, r.depth, r.count, r.nonFinite, s(r.trainError), s(r.testError), s(r.trainLoss)].join(','),
  );
  return `${[TRAIN_SUMMARY_HEADER, ...lines].join('\n')}\n`;
}
