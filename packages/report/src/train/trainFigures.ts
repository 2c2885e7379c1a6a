import type { RunRecord, TrainSummaryRow } from '@resnet/sweep/train';
import { spread } from '@resnet/sweep/train';
import { fmt, plural } from '../format.js';
import type { Figure } from '../specs/common.js';
import { curveSpec, type CurveRow } from './curveSpec.js';
import { maxOf } from '@resnet/core';
import { gradNormFigure } from './gradNormFigure.js';
import { byArch, type RunPlace, seriesName } from './runPlace.js';

const pct = (v: number): number | null => (Number.isFinite(v) ? v * 100 : null);
const BANDS = 'line: median over seeds; band: min–max over seeds';
/** How far apart in epochs the two architectures are drawn, so a line never hides under the other. */
const DODGE_EPOCHS = 0.12;
const DODGE = `plain (circles) is drawn ${DODGE_EPOCHS / 2} epoch left of its epoch and residual (squares) as far right, so neither hides the other`;

/** Per-epoch curve rows of `metric` for each series at each of `depths` (median and range over seeds, %). */
export function epochRows(
  runs: readonly RunRecord[],
  metric: 'trainError' | 'testError',
  depths: readonly number[],
  place: RunPlace = byArch,
): CurveRow[] {
  const rows: CurveRow[] = [];
  const placed = runs.map((r, i) => ({ r, ...place(r, i) }));
  const series = [...new Set(placed.map((p) => p.series))].sort((a, b) => archOrder(a) - archOrder(b));
  for (const arch of series) {
    for (const depth of depths) {
      const group = placed.filter((p) => p.series === arch && p.depth === depth).map((p) => p.r);
      if (group.length === 0) continue;
      const epochs = maxOf(group.map((r) => r[metric].length));
      for (let e = 0; e < epochs; e++) {
        const s = spread(group.map((r) => r[metric][e] ?? null));
        rows.push({
          arch,
          layers: `${depth} layers`,
          x: e + 1,
          median: pct(s.median),
          min: pct(s.min),
          max: pct(s.max),
          n: group.length,
        });
      }
    }
  }
  return rows;
}

/** Plain series before residual ones, each in the order met. */
const archOrder = (series: string) => (series.startsWith('plain') ? 0 : 1);

/** Final train error against depth per series (median and range over seeds, %). */
export function depthRows(summary: readonly TrainSummaryRow[]): CurveRow[] {
  return summary.map((r) => ({
    arch: seriesName(r.arch, r.variant),
    layers: '',
    x: r.depth,
    median: pct(r.trainError.median),
    min: pct(r.trainError.min),
    max: pct(r.trainError.max),
    n: r.count,
  }));
}

/**
 * The training report's figures: train and test error against epoch (plain vs residual at the
 * shallowest and the deepest depth, as He et al.'s Fig. 1), final train error against depth, and ||dW||
 * per layer at initialisation and after training.
 */
export function trainFigures(
  runs: readonly RunRecord[],
  summary: readonly TrainSummaryRow[],
  place: RunPlace = byArch,
): Figure[] {
  const depths = [...new Set(runs.map((r, i) => place(r, i).depth))].sort((a, b) => a - b);
  const shown = depths.length > 1 ? [depths[0]!, depths.at(-1)!] : depths;
  const epochs = maxOf(runs.map((r) => r.trainError.length));
  const epochTicks = Array.from({ length: epochs }, (_, i) => i + 1);
  const seeds = maxOf(summary.map((r) => r.count));
  const finalText = (depth: number) =>
    summary
      .filter((r) => r.depth === depth)
      .sort((a, b) => archOrder(a.arch) - archOrder(b.arch))
      .map((r) => `${seriesName(r.arch, r.variant)} ${fmt(r.trainError.median * 100)} %`)
      .join(', ');
  const where = shown.map((d) => `${d} layers: ${finalText(d)}`).join('; ');
  const logX = depths[0]! > 0 && depths.length > 2;
  const gradNorms = gradNormFigure(runs, summary, depths, place);
  return [
    {
      name: 'train-curves',
      title: `Training error against epoch at ${shown.join(' and ')} weight layers`,
      caption:
        `Error on the training digits during each epoch (train mode), plain vs residual nets at the shallowest and the deepest depth (one panel each, as He et al.'s Fig. 1), ` +
        `${plural(seeds, 'seed')} each; ${BANDS}; ${DODGE}. After the last epoch, ${where}.`,
      spec: curveSpec(epochRows(runs, 'trainError', shown, place), {
        xTitle: 'epoch',
        yTitle: 'train error (%)',
        xValues: epochTicks,
        dodge: DODGE_EPOCHS,
      }),
    },
    {
      name: 'test-curves',
      title: `Test error against epoch at ${shown.join(' and ')} weight layers`,
      caption: `Error on the held-out digits after each epoch (eval mode: BatchNorm's running statistics), the same nets and seeds; ${BANDS}; ${DODGE}.`,
      spec: curveSpec(epochRows(runs, 'testError', shown, place), {
        xTitle: 'epoch',
        yTitle: 'test error (%)',
        xValues: epochTicks,
        dodge: DODGE_EPOCHS,
      }),
    },
    {
      name: 'train-error-depth',
      title: 'Final training error against depth',
      caption:
        `Training error in the last epoch against the number of weight layers; ${BANDS}. ` +
        `A plain net that trains worse as it gets deeper is the degradation problem; the residual nets of equal depth are the control.`,
      spec: curveSpec(depthRows(summary), {
        xTitle: 'weight layers',
        yTitle: 'final train error (%)',
        xValues: depths,
        logX,
      }),
    },
    ...(gradNorms ? [gradNorms] : []),
  ];
}
