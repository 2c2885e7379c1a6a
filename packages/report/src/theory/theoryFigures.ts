import {
  formatTheoryNumber as fmt,
  type PredictionResult,
  type TheoryResult,
  type TheoryRow,
  verdictText,
} from '@resnet/core';
import type { Figure } from '../specs/common.js';
import { theorySpec } from './theorySpec.js';

/** File stem of prediction n's figure (and of its extra figures: `theory-4-widths`). */
export const theoryFigureName = (id: number, extra?: string) => `theory-${id}${extra ? `-${extra}` : ''}`;

/** A row's verdict in numbers, for a caption: `1d (L = 10) FAILS: predicted 1, measured 4.43 [3.43, 5.72]`. */
export function verdictLine(r: TheoryRow): string {
  return `${r.id} (${r.setting}) ${verdictText(r)}: predicted ${fmt(r.predicted)}, measured ${fmt(r.measured)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ' (largest error)'}`;
}

/** The caption of a prediction's figure, computed from its data: what is drawn, over how many seeds, and each row's verdict in numbers. */
export function theoryCaption(p: PredictionResult): string {
  const agree = p.rows.filter((r) => r.verdict === 'agrees').length;
  return (
    `${p.source}. Solid: the mean over ${p.seeds} seeds with its 95% CI (band; jackknife over 20 seed groups, on the log scale); dashed, same colour: the theory, never fitted: ${p.figure.theoryNote} ` +
    `${agree} of ${p.rows.length} checks agree: ${p.rows.map(verdictLine).join('; ')}.`
  );
}

/** One figure per prediction (and its extra figures): measured bands and theory lines, captions from the data. */
export function theoryFigures(result: Pick<TheoryResult, 'predictions'>): Figure[] {
  return result.predictions.flatMap((p) => [
    {
      name: theoryFigureName(p.id),
      title: `Prediction ${p.id}: ${p.title}`,
      caption: theoryCaption(p),
      spec: theorySpec(p.figure),
    },
    ...(p.extraFigures ?? []).map((x) => ({
      name: theoryFigureName(p.id, x.name),
      title: x.title,
      caption: `Each width-limit law of prediction ${p.id}: mean over seeds of the measured quantity divided by the law's value, with its 95% CI (band, log scale) against width; dashed: 1, where the law holds exactly. ${x.figure.theoryNote}`,
      spec: theorySpec(x.figure),
    })),
  ]);
}
