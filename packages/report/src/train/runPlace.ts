import type { RunRecord, TrainPlan } from '@resnet/sweep/train';
import { groupOf } from '@resnet/sweep/train';
import type { ArchName } from '../theme.js';

/** Where a run goes in the figures: its series (its arch, and its variant in a grid with axes) and its depth. */
export type RunPlace = (run: RunRecord, index: number) => { series: string; depth: number };

/** Each run by its arch and its own depth (a grid without axes in weight layers). */
export const byArch: RunPlace = (r) => ({ series: r.arch, depth: r.depth });

/** Each run by its group in the folder's plan (runs in canonical order from plan.firstRun): arch and variant, grid depth. */
export function planPlace(plan: Pick<TrainPlan, 'groups' | 'firstRun'>): RunPlace {
  return (_r, i) => {
    const g = groupOf(plan, plan.firstRun + i);
    return { series: seriesName(g.arch, g.label), depth: g.gridDepth };
  };
}

/** A figure series: the arch, with the variant's label when there is one. */
export const seriesName = (arch: string, variant: string | undefined) => (variant ? `${arch} (${variant})` : arch);

/** The architecture of a series: `plain`, `residual`, or either followed by its variant. */
export const archOf = (series: string): ArchName => (series.startsWith('plain') ? 'plain' : 'residual');
