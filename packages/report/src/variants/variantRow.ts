import type { TheoryRow } from '@resnet/core';
import type { VariantGroup } from './variantSums.js';

/** core/theory's agreement rule for a measured mean (the same words as its table). */
export const RULE_CI = 'predicted inside the measured 99% CI (jackknife over 20 seed groups, t with 19 df)';

/** A row of a sweep's agreement table: core/theory's row, and the (arch, variant) and depth it was measured at. */
export interface VariantTheoryRow extends TheoryRow {
  arch: string;
  variant: string;
  /** The grid's depth value the row's cells have (the deepest one the prediction could use). */
  depth: number;
}

/** A row of the table for (arch, variant) `label`, measured on group g. */
export function row(
  label: string,
  g: VariantGroup,
  r: Omit<TheoryRow, 'agreement'> & { agrees: boolean },
): VariantTheoryRow {
  const { agrees, ...rest } = r;
  return {
    ...rest,
    id: `${label} · ${r.id}`,
    agreement: agrees ? 'agrees' : 'fails',
    arch: g.arch,
    variant: g.variant,
    depth: g.depth,
  };
}
