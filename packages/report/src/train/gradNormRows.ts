import { maxOf } from '@resnet/core';
import type { RunRecord } from '@resnet/sweep/train';
import { spread } from '@resnet/sweep/train';
import { archOf, type RunPlace } from './runPlace.js';

// The gradient-norm figure's data: ||dW|| per layer over seeds, per series, depth and time (runs files' gradNorms).

/** Most depths the figure shows side by side (more: the shallowest, the deepest and two between). */
const MAX_DEPTHS = 4;

/** One point of a profile: ||dW|| of one layer over the seeds of one series, depth and time. */
export interface GradNormRow {
  series: string;
  /** Panel column: `32 layers`. */
  panel: string;
  /** Panel row: `at initialisation` or `after epoch N`. */
  time: string;
  /** Weight layer, 1 = the input layer. */
  layer: number;
  median: number | null;
  min: number | null;
  max: number | null;
  n: number;
}

/** The depths a figure of `depths` (ascending) shows: all of up to MAX_DEPTHS, else four spread from first to last. */
export function shownDepths(depths: readonly number[]): number[] {
  if (depths.length <= MAX_DEPTHS) return [...depths];
  const picks = Array.from({ length: MAX_DEPTHS }, (_, i) => Math.round((i * (depths.length - 1)) / (MAX_DEPTHS - 1)));
  return [...new Set(picks)].map((i) => depths[i]!);
}

const positive = (v: number) => (Number.isFinite(v) && v > 0 ? v : null);

/**
 * Rows of the figure: for each series (arch and variant) and shown depth, each layer's ||dW|| over the seeds (median,
 * min, max of the positive finite values) at initialisation (the runs' first row of gradNorms) and after the last
 * epoch (their last row). `layers` gives the weight layers of a run (its gradNorms has (epochs + 1) x layers values).
 */
export function gradNormRows(runs: readonly RunRecord[], depths: readonly number[], place: RunPlace): GradNormRow[] {
  const placed = runs.map((r, i) => ({ r, ...place(r, i) }));
  const series = [...new Set(placed.map((p) => p.series))].sort(
    (a, b) => +(archOf(a) !== 'plain') - +(archOf(b) !== 'plain'),
  );
  const epochs = maxOf(runs.map((r) => r.trainLoss.length));
  const rows: GradNormRow[] = [];
  for (const [t, time] of [`at initialisation`, `after epoch ${epochs}`].entries()) {
    for (const depth of depths) {
      for (const s of series) {
        const group = placed.filter((p) => p.series === s && p.depth === depth).map((p) => p.r);
        if (group.length === 0) continue;
        const layers = group[0]!.depth;
        for (let l = 0; l < layers; l++) {
          // Row 0 of gradNorms is at initialisation, the last row after the last epoch.
          const values = group.map((r) => positive(r.gradNorms[(t === 0 ? 0 : r.trainLoss.length) * layers + l]!));
          const v = spread(values);
          rows.push({
            series: s,
            panel: `${depth} layers`,
            time,
            layer: l + 1,
            median: positive(v.median),
            min: positive(v.min),
            max: positive(v.max),
            n: values.filter((x) => x !== null).length,
          });
        }
      }
    }
  }
  return rows;
}
