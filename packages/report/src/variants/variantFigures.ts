import { formatTheoryNumber } from '@resnet/core';
import { variantLabel } from '@resnet/sweep/folder';
import { fmt, plural } from '../format.js';
import type { Figure } from '../specs/common.js';
import { variantRatioSpec, type VariantBand } from '../specs/variantRatio.js';
import type { SummaryTable } from '../sweep/types.js';
import type { ArchName } from '../theme.js';
import { theorySpec } from '../theory/theorySpec.js';
import { curveLabel } from '../variantFigure.js';
import type { VariantPrediction } from './variantPrediction.js';
import type { VariantTheory } from './variantTheory.js';

/**
 * The variants section's figures: the output's forward norm per variant (the ratio per variant is among the
 * sweep's figures, sweepFigures' ratio-depth-variants), then one figure per applicable prediction.
 */
export function variantFigures(summary: SummaryTable, theory: VariantTheory, depthWords: string): Figure[] {
  return [lastActFigure(summary, depthWords), ...theory.predictions.map((p, i) => predictionFigure(p, i, theory))];
}

/** Median and 25–75 % of ||output|| (summary.csv's last_act) against depth, one curve per (arch, variant). */
export function lastActFigure(summary: SummaryTable, depthWords: string): Figure {
  const bands: VariantBand[] = summary.rows.map((r) => ({
    arch: r.arch as ArchName,
    x: r.depth,
    count: r.count,
    nonFinite: r.nonfinite,
    nonPositive: 0,
    median: r.values.last_act_median ?? NaN,
    p5: r.values.last_act_p5 ?? NaN,
    p25: r.values.last_act_p25 ?? NaN,
    p75: r.values.last_act_p75 ?? NaN,
    p95: r.values.last_act_p95 ?? NaN,
    label: curveLabel(r.arch, variantLabel(r.axes ?? {})),
  }));
  const deepest = Math.max(...bands.map((b) => b.x));
  const last = bands.filter((b) => b.x === deepest && Number.isFinite(b.median)).sort((a, b) => a.median - b.median);
  const seeds = Math.max(...bands.map((b) => b.count));
  const extremes =
    last.length > 1
      ? ` At depth ${deepest} the median runs from ${fmt(last[0]!.median)} (${last[0]!.label}) to ${fmt(last.at(-1)!.median)} (${last.at(-1)!.label}).`
      : '';
  return {
    name: 'last-act-variants',
    title: 'Forward activation norm at the output against depth, per variant',
    caption:
      `The norm of the network’s output (the last entry of actNorms) for each of the sweep’s ${plural(new Set(bands.map((b) => b.label)).size, 'curve')} over ${plural(seeds, 'seed')}: ` +
      `line the median, band 25–75 %, from summary.csv; log scale; depth counts ${depthWords}. The first/last gradient ratio divides this growth away; the dashed line marks norm 1.${extremes}`,
    spec: variantRatioSpec(bands, 'Depth', '‖output‖ (forward activation norm)'),
  };
}

function predictionFigure(p: VariantPrediction, i: number, theory: VariantTheory): Figure {
  const rows = p.rowIds
    ? theory.rows.filter((r) => p.rowIds!.includes(r.id))
    : theory.rows.filter((r) => r.id.startsWith(`${p.label} · `) && p.title.includes(`prediction ${r.prediction}`));
  const verdicts = rows
    .map(
      (r) =>
        `${p.rowIds && p.label === 'plain' ? r.id : r.id.split(' · ')[1]} ${r.agreement === 'agrees' ? 'agrees' : 'FAILS'} (predicted ${formatTheoryNumber(r.predicted)}, measured ${formatTheoryNumber(r.measured)}${r.ci ? ` [${formatTheoryNumber(r.ci[0])}, ${formatTheoryNumber(r.ci[1])}]` : ', exact'})`,
    )
    .join('; ');
  return {
    name: `variant-theory-${i + 1}`,
    title: p.title,
    caption:
      `${p.source}. Solid: the sweep’s mean over ${plural(p.seeds, 'seed')} with its 95% CI (band; jackknife over 20 seed groups); dashed, same colour: the theory, never fitted: ${p.figure.theoryNote}` +
      (rows.length
        ? ` ${rows.filter((r) => r.agreement === 'agrees').length} of ${rows.length} checks agree: ${verdicts}.`
        : ''),
    spec: theorySpec(p.figure),
  };
}
