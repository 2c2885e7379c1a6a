import type { RunRecord, TrainSummaryRow } from '@resnet/sweep/train';
import { spread } from '@resnet/sweep/train';
import { fmt } from '../format.js';
import { type CurvePalette, curvePalette } from '../palette.js';
import { asSpec, config, type Figure } from '../specs/common.js';
import { logAxis, logY } from '../specs/logAxis.js';
import { BAND_OPACITY, PLOT_HEIGHT, PLOT_WIDTH, type ArchName } from '../theme.js';
import type { RunPlace } from './trainFigures.js';

// ||dW|| per weight layer at initialisation and after the last epoch (runs files' gradNorms), plain vs residual at
// each depth: the figure that shows whether the plain nets that train worse are starved of gradient.

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
const archOf = (series: string): ArchName => (series.startsWith('plain') ? 'plain' : 'residual');

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
  const epochs = Math.max(...runs.map((r) => r.trainLoss.length));
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

/** Small multiples of ||dW|| against layer: a column per depth, a row per time; median lines, min-max bands, log y. */
export function gradNormSpec(rows: readonly GradNormRow[], palette: CurvePalette) {
  const series = [...new Set(rows.map((r) => r.series))];
  const axis = logAxis(rows.flatMap((r) => [r.min, r.max, r.median]));
  const y = (field: string) => logY(field, '‖dW‖ per weight layer', axis);
  const x = {
    field: 'layer',
    type: 'quantitative' as const,
    title: 'weight layer (1 = input)',
    scale: { zero: false, nice: false },
    axis: { tickCount: 4, format: 'd', tickMinStep: 1 },
  };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: series, range: series.map((s) => palette.color(s)) },
    legend: {
      title: null,
      orient: 'bottom',
      symbolType: 'stroke',
      symbolStrokeWidth: 2,
      symbolOpacity: 1,
      labelLimit: 400,
    },
  };
  // Residual lines dashed, so a residual line drawn over the plain one (4 layers: one block) leaves it visible.
  const strokeDash = {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: series, range: series.map((s) => (archOf(s) === 'plain' ? [1, 0] : [4, 2])) },
    legend: null,
  };
  const tooltip = [
    { field: 'series', type: 'nominal' as const },
    { field: 'panel', type: 'nominal' as const, title: 'net' },
    { field: 'time', type: 'nominal' as const },
    { field: 'layer', type: 'quantitative' as const },
    { field: 'median', type: 'quantitative' as const, format: '.3~g' },
    { field: 'min', type: 'quantitative' as const, format: '.3~g' },
    { field: 'max', type: 'quantitative' as const, format: '.3~g' },
    { field: 'n', type: 'quantitative' as const, title: 'seeds' },
  ];
  const facet = (field: 'panel' | 'time') => ({
    field,
    type: 'nominal' as const,
    sort: [...new Set(rows.map((r) => r[field]))],
    header: { title: null },
  });
  return asSpec({
    config: config(),
    data: { values: rows },
    facet: { column: facet('panel'), row: facet('time') },
    spec: {
      width: Math.round(PLOT_WIDTH * 0.6),
      height: Math.round(PLOT_HEIGHT * 0.8),
      layer: [
        {
          mark: { type: 'area', opacity: BAND_OPACITY.outer },
          encoding: { x, color, y: y('min'), y2: { field: 'max' } },
        },
        { mark: { type: 'line', strokeWidth: 1.2 }, encoding: { x, color, strokeDash, y: y('median'), tooltip } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  });
}

/** The median first-layer / last-layer ||dW|| ratio of a series at a depth and time, or null. */
function firstOverLast(rows: readonly GradNormRow[], series: string, panel: string, time: string): number | null {
  const own = rows.filter((r) => r.series === series && r.panel === panel && r.time === time);
  const first = own[0]?.median;
  const last = own.at(-1)?.median;
  return first && last ? first / last : null;
}

/**
 * What the deepest plain nets show, in words: whether their gradients vanish toward the input at initialisation
 * (`ratio`: median first/last ||dW||) and whether they train worse than the residual nets of that depth (`finals`:
 * its summary rows without a variant); He et al.'s argument only where the data make it.
 */
function plainVerdict(ratio: number | null, finals: readonly TrainSummaryRow[], deepest: string): string {
  if (ratio === null) return '';
  const error = (arch: string) => finals.find((r) => r.arch === arch)?.trainError.median;
  const plain = error('plain');
  const residual = error('residual');
  const worse = plain !== undefined && residual !== undefined && plain > residual;
  const times = `the first layer's ‖dW‖ ${fmt(ratio)} times the last's`;
  if (!worse || ratio < 1)
    return ` At ${deepest}, the plain nets' gradients at initialisation ${ratio >= 1 ? 'grow' : 'shrink'} toward the input (${times}).`;
  return (
    ` At ${deepest} the plain nets train worse (final train error ${fmt(plain * 100)} % against ${fmt(residual * 100)} % residual), ` +
    `yet their gradients at initialisation do not vanish toward the input: they grow (${times}). ` +
    `Their degradation is not vanishing gradients: He et al.'s argument (2015, sec. 4.1), reproduced.`
  );
}

/** The gradient-norm figure of a training folder's runs (null when they hold no gradient norms). */
export function gradNormFigure(
  runs: readonly RunRecord[],
  summary: readonly TrainSummaryRow[],
  depths: readonly number[],
  place: RunPlace,
): Figure | null {
  if (runs.every((r) => r.gradNorms.length === 0)) return null;
  const shown = shownDepths(depths);
  const rows = gradNormRows(runs, shown, place);
  const series = [...new Set(rows.map((r) => r.series))];
  const palette = curvePalette(series.map((label) => ({ arch: archOf(label), label })));
  const deepest = `${shown.at(-1)} layers`;
  const init = 'at initialisation';
  const ratios = series
    .map((s) => {
      const ratio = firstOverLast(rows, s, deepest, init);
      return ratio === null ? '' : `${s} ${fmt(ratio)}`;
    })
    .filter((t) => t !== '');
  const verdict = plainVerdict(
    series.includes('plain') ? firstOverLast(rows, 'plain', deepest, init) : null,
    summary.filter((r) => r.depth === shown.at(-1) && !r.variant),
    deepest,
  );
  const seeds = Math.max(...summary.map((r) => r.count));
  const some = shown.length < depths.length ? ` (${shown.length} of the ${depths.length} depths)` : '';
  return {
    name: 'grad-norms',
    title: `Weight-gradient norm per layer at initialisation and after training, at ${shown.join(', ')} layers`,
    caption:
      `‖dW‖ of each weight layer, first (1, the input layer) to last, for the mean cross-entropy of one fixed batch (the first training digits, a batch of the run's size) in train mode, ` +
      `at initialisation (top row) and after the last epoch (bottom row), one column per depth${some}; ${seeds === 1 ? 'one seed' : `line: median over ${seeds} seeds; band: min–max`}; log y axis. ` +
      `Median first/last-layer ratio at initialisation, ${deepest}: ${ratios.join(', ')}.${verdict}`,
    spec: gradNormSpec(rows, palette),
  };
}
