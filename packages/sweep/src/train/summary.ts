import type { SweepAxes } from '../axes.js';
import { axisColumns } from '../axisColumns.js';
import { csvField } from '../csv.js';
import { SweepError } from '../errors.js';
import { groupOf, type TrainPlan } from './plan.js';
import { runDiverged, type RunRecord } from './record.js';

/** One group (arch, variant, depth) of a training folder: final values over its seeds. */
export interface TrainSummaryRow {
  arch: string;
  /** The depth value in the grid's depth unit (weight layers by default). */
  depth: number;
  /** Runs of the group in the folder. */
  count: number;
  /** Runs whose final train loss (or error) is NaN or infinite (the net diverged). */
  nonFinite: number;
  trainError: SpreadStats;
  testError: SpreadStats;
  trainLoss: SpreadStats;
  /** A grid with axes: the variant's label and its axis columns (summary.csv's, by name). */
  variant?: string;
  axes?: Record<string, string | number | null>;
}

/** Median, min and max over the finite values (NaN when there are none). */
export interface SpreadStats {
  median: number;
  min: number;
  max: number;
}

/** summary.csv's header without axis columns. */
export const TRAIN_SUMMARY_HEADER =
  'arch,depth,count,nonfinite,train_error_median,train_error_min,train_error_max,test_error_median,test_error_min,test_error_max,train_loss_median,train_loss_min,train_loss_max';

/** Median (mean of the middle two for an even count), min and max of the finite values. */
export function spread(values: ReadonlyArray<number | null>): SpreadStats {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return { median: NaN, min: NaN, max: NaN };
  const m = v.length >> 1;
  return { median: v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2, min: v[0]!, max: v[v.length - 1]! };
}

/**
 * One row per group in grid order over the runs present: `runs` are a folder's runs in canonical order
 * from `plan.firstRun` on; each must be its place's arch and depth (else the file is not this grid's).
 */
export function summarizeRuns(
  plan: Pick<TrainPlan, 'groups' | 'firstRun'>,
  runs: readonly RunRecord[],
): TrainSummaryRow[] {
  const byGroup = new Map<number, RunRecord[]>();
  runs.forEach((r, i) => {
    const k = plan.firstRun + i;
    const g = k % plan.groups.length;
    const want = groupOf(plan, k);
    if (r.arch !== want.arch || r.depth !== want.layers)
      throw new SweepError(
        `Run ${i + 1} of the runs file is arch=${r.arch} depth=${r.depth}, but the folder's grid has arch=${want.arch} depth=${want.layers} there: the runs are not this folder's.`,
      );
    if (!byGroup.has(g)) byGroup.set(g, []);
    byGroup.get(g)!.push(r);
  });
  return [...byGroup.keys()]
    .sort((a, b) => a - b)
    .map((g) => {
      const group = byGroup.get(g)!;
      const { arch, gridDepth, label, values } = plan.groups[g]!;
      return {
        arch,
        depth: gridDepth,
        count: group.length,
        nonFinite: group.filter(runDiverged).length,
        trainError: spread(group.map((r) => r.finalTrainError)),
        testError: spread(group.map((r) => r.finalTestError)),
        trainLoss: spread(group.map((r) => r.finalTrainLoss)),
        ...(label || Object.keys(values).length ? { variant: label, axes: values } : {}),
      };
    });
}

/** summary.csv's text: the header (a grid's axis columns between arch and depth), then one line per row; numbers in shortest round-trip form. */
export function trainSummaryCsv(rows: readonly TrainSummaryRow[], axes?: SweepAxes): string {
  const extra = axisColumns(axes, 'summary').map((c) => c.name);
  const header = extra.length
    ? TRAIN_SUMMARY_HEADER.replace('arch,', `arch,${extra.join(',')},`)
    : TRAIN_SUMMARY_HEADER;
  const s = (x: SpreadStats) => [x.median, x.min, x.max].map(String).join(',');
  const lines = rows.map((r) =>
    [
      r.arch,
      ...extra.map((c) => csvField(r.axes?.[c] ?? null)),
      r.depth,
      r.count,
      r.nonFinite,
      s(r.trainError),
      s(r.testError),
      s(r.trainLoss),
    ].join(','),
  );
  return `${[header, ...lines].join('\n')}\n`;
}
