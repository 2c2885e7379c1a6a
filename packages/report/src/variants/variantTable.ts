import { curveLabel } from '../variantFigure.js';
import { formatTheoryTable } from '@resnet/core';
import type { VariantTheory, VariantTheoryRow } from './variantTheory.js';

/** A row's own id (`1a`), without its `arch: variant · ` prefix. */
export const shortId = (r: VariantTheoryRow): string => r.id.slice(r.id.lastIndexOf(' · ') + 3);

/**
 * The sweep's agreement table as text: per (arch, variant) its label, then core/theory's table of its rows;
 * then what the grid lacks for the predictions it does not test.
 */
export function formatVariantTable(theory: VariantTheory): string {
  const labels = [...new Set(theory.rows.map((r) => curveLabel(r.arch, r.variant)))];
  const parts = labels.map((label) => {
    const rows = theory.rows.filter((r) => curveLabel(r.arch, r.variant) === label);
    return `${label} (depth ${rows[0]!.depth})\n${formatTheoryTable(rows.map((r) => ({ ...r, id: shortId(r) })))}`;
  });
  if (theory.notes.length)
    parts.push(
      ['Notes (what the grid lacks for a prediction):', ...theory.notes.map((n) => `  ${n.label}: ${n.note}`)].join(
        '\n',
      ),
    );
  return parts.join('\n\n');
}
