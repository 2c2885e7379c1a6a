import {
  maxOf,
  type VariantPrediction,
  type VariantTheory,
  verdictText,
  formatTheoryNumber as fmtT,
} from '@resnet/core';
import { variantLabel } from '@resnet/sweep/folder';
import { fmt, plural } from '../format.js';
import { type CurvePalette, curvePalette, MAX_SERIES } from '../palette.js';
import type { Figure } from '../specs/common.js';
import { type VariantBand, variantRatioSpec } from '../specs/variantRatio.js';
import type { SummaryTable } from '../sweep/types.js';
import type { ArchName } from '../theme.js';
import { theorySpec } from '../theory/theorySpec.js';
import { curveLabel, panelNote } from '../variantFigure.js';

/**
 * The variants section's figures: the output's forward norm per variant (the ratio per variant is among the
 * sweep's figures, sweepFigures' ratio-depth-variants), then one figure per applicable prediction; every
 * variant in the palette's colour.
 */
export function variantFigures(
  summary: SummaryTable,
  theory: VariantTheory,
  depthWords: string,
  palette: CurvePalette = summaryPalette(summary),
): Figure[] {
  return [
    lastActFigure(summary, depthWords, palette),
    ...theory.predictions.map((p, i) => predictionFigure(p, i, theory, palette)),
  ];
}

/** The palette of summary.csv's curves (arch, then variant in file order), for a caller without the cells. */
export function summaryPalette(summary: SummaryTable): CurvePalette {
  return curvePalette(
    summary.rows.map((r) => ({ arch: r.arch as ArchName, label: curveLabel(r.arch, variantLabel(r.axes ?? {})) })),
  );
}

/** Median and 25–75 % of ||output|| (summary.csv's last_act) against depth, one curve per (arch, variant). */
export function lastActFigure(summary: SummaryTable, depthWords: string, palette = summaryPalette(summary)): Figure {
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
  const deepest = maxOf(bands.map((b) => b.x));
  const last = bands.filter((b) => b.x === deepest && Number.isFinite(b.median)).sort((a, b) => a.median - b.median);
  const seeds = maxOf(bands.map((b) => b.count));
  const extremes =
    last.length > 1
      ? ` At depth ${deepest} the median runs from ${fmt(last[0]!.median)} (${last[0]!.label}) to ${fmt(last.at(-1)!.median)} (${last.at(-1)!.label}).`
      : '';
  return {
    name: 'last-act-variants',
    title: 'Forward activation norm at the output against depth, per variant',
    caption:
      `The norm of the network’s output (the last entry of actNorms) for each of the sweep’s ${plural(new Set(bands.map((b) => b.label)).size, 'curve')} over ${plural(seeds, 'seed')}: ` +
      `line the median, band 25–75 %, from summary.csv; log scale; depth counts ${depthWords}. The first/last gradient ratio divides this growth away; the dashed line marks norm 1.${extremes}${panelNote(palette)}`,
    spec: variantRatioSpec(bands, 'Depth', palette, '‖output‖ (forward activation norm)'),
  };
}

function predictionFigure(p: VariantPrediction, i: number, theory: VariantTheory, palette: CurvePalette): Figure {
  const rows = theory.rows.filter((r) => p.rows.some((x) => x.id === r.id && x.label === r.label));
  const verdicts = rows
    .map(
      (r) =>
        `${r.id} (${r.label}) ${verdictText(r)} (predicted ${fmtT(r.predicted)}, measured ${fmtT(r.measured)}${r.ci ? ` [${fmtT(r.ci[0])}, ${fmtT(r.ci[1])}]` : ', largest error'})`,
    )
    .join('; ');
  // A figure over many variants keeps at most six per panel, and no two colours alike in one: the palette's panels.
  const names = [...new Set(p.figure.series.map((s) => s.name))];
  const many = names.length > MAX_SERIES || new Set(names.map(palette.color)).size < names.length;
  const figure = many
    ? {
        ...p.figure,
        series: p.figure.series.map((s) => ({
          ...s,
          panel: s.panel ? `${s.panel}, ${palette.panelOf(s.name)}` : palette.panelOf(s.name),
        })),
      }
    : p.figure;
  return {
    name: `variant-theory-${i + 1}`,
    title: p.title,
    caption:
      `${p.source}. Solid: the sweep’s mean over ${plural(p.seeds, 'seed')} with its 95% CI (band; jackknife over 20 seed groups, on the log scale); dashed, same colour: the theory, never fitted: ${p.figure.theoryNote}` +
      (rows.length
        ? ` ${rows.filter((r) => r.verdict === 'agrees').length} of ${rows.length} checks agree: ${verdicts}.`
        : ''),
    spec: theorySpec(figure, { color: palette.color }),
  };
}
