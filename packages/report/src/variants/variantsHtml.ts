import { curveLabel } from '../variantFigure.js';
import { escapeHtml } from '../html/escape.js';
import { theoryTableHtml } from '../theory/theoryHtml.js';
import { shortId } from './variantTable.js';
import type { VariantTheory } from './variantTheory.js';

/** Styles of the agreement table (as theory.html has them). */
export const VARIANTS_STYLE = `table.theory td.claim, table.theory td.detail { text-align: left; white-space: normal; min-width: 16em; }
table.theory tr.fails td.verdict { color: #b00020; }
table.theory tr.agrees td.verdict { color: #1b6e20; }`;

/** The variants section's agreement table (one table per (arch, variant), core/theory's columns) and its notes, as markup. */
export function variantsTableHtml(theory: VariantTheory): string {
  const labels = [...new Set(theory.rows.map((r) => curveLabel(r.arch, r.variant)))];
  const tables = labels.map((label) => {
    const rows = theory.rows.filter((r) => curveLabel(r.arch, r.variant) === label);
    return `<h3>${escapeHtml(label)} <small>(depth ${rows[0]!.depth})</small></h3><div class="table-wrap">${theoryTableHtml(rows.map((r) => ({ ...r, id: shortId(r) })))}</div>`;
  });
  const notes = theory.notes.length
    ? `<h3>Notes: what the grid lacks for a prediction</h3><ul>${theory.notes.map((n) => `<li><strong>${escapeHtml(n.label)}</strong>: ${escapeHtml(n.note)}</li>`).join('')}</ul>`
    : '';
  const none = labels.length ? '' : '<p>No prediction of core/theory applies to this sweep’s variants.</p>';
  return tables.join('\n') + none + notes;
}
