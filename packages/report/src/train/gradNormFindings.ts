import type { TrainSummaryRow } from '@resnet/sweep/train';
import { fmt } from '../format.js';
import type { GradNormRow } from './gradNormRows.js';

// What the gradient-norm figure shows at its deepest depth, in words for its caption: measured values, and He et
// al.'s argument only where the data make it.

const INIT = 'at initialisation';

/** The median ||dW|| profile (layer 1 first) of a series at a panel, at initialisation or after the last epoch. */
function profile(rows: readonly GradNormRow[], series: string, panel: string, init: boolean): GradNormRow[] {
  return rows.filter((r) => r.series === series && r.panel === panel && (r.time === INIT) === init);
}

/** The layer with the smallest median ||dW|| of a profile, or null. */
function smallest(p: readonly GradNormRow[]): GradNormRow | null {
  let best: GradNormRow | null = null;
  for (const r of p) if (r.median !== null && (best === null || r.median < best.median!)) best = r;
  return best;
}

/**
 * The caption's findings at `depth` (the deepest shown): each series' median first/last-layer ratio at
 * initialisation and smallest layer after training; then, when the plain nets train worse than the residual ones
 * (summary rows without a variant), whether their gradients vanish: He et al.'s argument (sec. 4.1) is stated only
 * when the plain nets' gradients grow toward the input at initialisation and after training are nowhere smaller
 * than the smallest of the residual nets that do train.
 */
export function gradNormFindings(rows: readonly GradNormRow[], summary: readonly TrainSummaryRow[], depth: number) {
  const panel = `${depth} layers`;
  const series = [...new Set(rows.map((r) => r.series))];
  const ratio = (s: string) => {
    const p = profile(rows, s, panel, true);
    const first = p[0]?.median;
    const last = p.at(-1)?.median;
    return first && last ? first / last : null;
  };
  const ratios = series.flatMap((s) => (ratio(s) === null ? [] : [`${s} ${fmt(ratio(s)!)}`]));
  const lows = series.flatMap((s) => {
    const low = smallest(profile(rows, s, panel, false));
    return low ? [`${s} ${fmt(low.median!)} (layer ${low.layer})`] : [];
  });
  let text = `At ${panel}: the median first/last-layer ratio at initialisation is ${ratios.join(', ')}; the smallest median ‖dW‖ after the last epoch is ${lows.join(', ')}.`;
  // He et al.'s argument, where the data make it.
  const error = (arch: string) => summary.find((r) => r.depth === depth && r.arch === arch && !r.variant)?.trainError;
  const plainError = error('plain')?.median;
  const residualError = error('residual')?.median;
  const plainRatio = series.includes('plain') ? ratio('plain') : null;
  const plainLow = smallest(profile(rows, 'plain', panel, false))?.median;
  const residualLow = smallest(profile(rows, 'residual', panel, false))?.median;
  if (plainError === undefined || residualError === undefined || !(plainError > residualError)) return text;
  text += ` The plain nets train worse (final train error ${fmt(plainError * 100)} % against ${fmt(residualError * 100)} % residual)`;
  if (plainRatio !== null && plainRatio >= 1 && plainLow != null && residualLow != null && plainLow >= residualLow)
    return `${text}, yet their gradients do not vanish: at initialisation they grow toward the input, and after training no layer's is smaller than the residual nets' smallest. Their degradation is not vanishing gradients: He et al.'s argument (2015, sec. 4.1), reproduced.`;
  return `${text}.`;
}
