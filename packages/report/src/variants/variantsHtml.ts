import type { VariantTheory } from '@resnet/core';
import { escapeHtml } from '../html/escape.js';
import { THEORY_TABLE_STYLE, theoryTableHtml } from '../theory/theoryHtml.js';

/** Styles of the agreement table (as theory.html has them). */
export const VARIANTS_STYLE = THEORY_TABLE_STYLE;

/** The variants section's agreement table (`resnet theory`'s checks and columns, one row per variant) and its notes, as markup. */
export function variantsTableHtml(theory: VariantTheory): string {
  const table = theory.rows.length
    ? `<div class="table-wrap">${theoryTableHtml(theory.rows)}</div>`
    : '<p>No check of <code>resnet theory</code> applies to this sweep’s variants.</p>';
  const notes = theory.notes.length
    ? `<h3>Notes: what the grid lacks for a check</h3><ul>${theory.notes.map((n) => `<li><strong>${escapeHtml(n.label)}</strong>: ${escapeHtml(n.note)}</li>`).join('')}</ul>`
    : '';
  return table + notes;
}
