import { formatTheoryTable, type VariantTheory } from '@resnet/core';

/**
 * The sweep's agreement table as text: `resnet theory`'s table of the checks that apply to its variants, one line
 * per (variant, depth) under each check; then what the grid lacks for the checks it does not make.
 */
export function formatVariantTable(theory: VariantTheory): string {
  const parts = theory.rows.length ? [formatTheoryTable(theory.rows, { titles: false }).trimStart()] : [];
  if (theory.notes.length)
    parts.push(
      ['Notes (what the grid lacks for a check):', ...theory.notes.map((n) => `  ${n.label}: ${n.note}`)].join('\n'),
    );
  return parts.join('\n\n');
}
