import { fmt, fmtCi } from './format.js';
import type { TheoryRow } from './types.js';

/** A row of the agreement table as text cells (the CLI prints them, the report's page shows them). */
export interface TheoryCells {
  id: string;
  claim: string;
  predicted: string;
  /** Measured value with its CI, e.g. `2.576 [2.418, 2.733]`, or with the largest error for an exact identity. */
  measured: string;
  /** `agrees` or `FAILS`. */
  verdict: string;
}

/** Header of each column, in order. */
export const THEORY_COLUMNS: readonly { key: keyof TheoryCells; head: string }[] = [
  { key: 'id', head: '#' },
  { key: 'claim', head: 'prediction' },
  { key: 'predicted', head: 'predicted' },
  { key: 'measured', head: 'measured [99% CI]' },
  { key: 'verdict', head: 'agrees?' },
];

/** The text cells of a row. */
export function theoryCells(row: TheoryRow): TheoryCells {
  return {
    id: row.id,
    claim: row.claim,
    predicted: fmt(row.predicted),
    measured: row.ci ? `${fmt(row.measured)} ${fmtCi(row.ci)}` : `${fmt(row.measured)} (exact)`,
    verdict: row.agreement === 'agrees' ? 'agrees' : 'FAILS',
  };
}

/**
 * The agreement table as plain text: one line per row (prediction / predicted / measured [CI] / agrees?),
 * columns padded, the claim cut to claimWidth characters.
 */
export function formatTheoryTable(rows: readonly TheoryRow[], claimWidth = 64): string {
  const cells = rows
    .map(theoryCells)
    .map((c) => ({ ...c, claim: c.claim.length > claimWidth ? `${c.claim.slice(0, claimWidth - 1)}…` : c.claim }));
  const widths = THEORY_COLUMNS.map((col) => Math.max(col.head.length, ...cells.map((c) => c[col.key].length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === 2 ? v.padStart(widths[i]) : v.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(THEORY_COLUMNS.map((c) => c.head)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map((c) => line(THEORY_COLUMNS.map((col) => c[col.key]))),
  ].join('\n');
}
