import { formatTheoryNumber as fmt, type PredictionResult, type TheoryResult } from '@resnet/core';
import type { Figure } from '../specs/common.js';
import { theorySpec } from './theorySpec.js';

/** File stem of prediction n's figure. */
export const theoryFigureName = (id: number) => `theory-${id}`;

/** The caption of a prediction's figure, computed from its data: what is drawn, over how many seeds, and each row's verdict in numbers. */
export function theoryCaption(p: PredictionResult): string {
  const agree = p.rows.filter((r) => r.agreement === 'agrees').length;
  const verdicts = p.rows
    .map(
      (r) =>
        `${r.id} ${r.agreement === 'agrees' ? 'agrees' : 'FAILS'} (predicted ${fmt(r.predicted)}, measured ${fmt(r.measured)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ', exact'})`,
    )
    .join('; ');
  return (
    `${p.source}. Solid: mean over ${p.seeds} seeds with its 95% CI (band; jackknife over 20 seed groups); dashed, same colour: the theory, never fitted: ${p.figure.theoryNote} ` +
    `${agree} of ${p.rows.length} checks agree: ${verdicts}.`
  );
}

/** One figure per prediction: measured bands and theory lines, captions from the data. */
export function theoryFigures(result: Pick<TheoryResult, 'predictions'>): Figure[] {
  return result.predictions.map((p) => ({
    name: theoryFigureName(p.id),
    title: `Prediction ${p.id}: ${p.title}`,
    caption: theoryCaption(p),
    spec: theorySpec(p.figure),
  }));
}
