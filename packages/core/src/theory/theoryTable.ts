import { check, PREDICTIONS } from './checks.js';
import { fmt, fmtCi } from './format.js';
import type { TheoryRow } from './types.js';
import { alternativeText, thousands, toleranceText } from './verdict.js';
import { maxOf } from '../extrema.js';

/** A row of the agreement table as text cells (the CLI prints them, the report's pages show them). */
export interface TheoryCells {
  id: string;
  setting: string;
  predicted: string;
  /** Measured value with its CI, e.g. `2.576 [2.418, 2.733]`, or the largest error of an exact identity. */
  measured: string;
  seeds: string;
  /** `agrees`, `FAILS` or `inconclusive`. */
  verdict: string;
}

/** Header of each column, in order. */
export const THEORY_COLUMNS: readonly { key: keyof TheoryCells; head: string }[] = [
  { key: 'id', head: '#' },
  { key: 'setting', head: 'setting' },
  { key: 'predicted', head: 'predicted' },
  { key: 'measured', head: 'measured [CI]' },
  { key: 'seeds', head: 'seeds' },
  { key: 'verdict', head: 'verdict' },
];

/** The verdict as the tables print it: failures in capitals, so they stand out. */
export const verdictText = (r: Pick<TheoryRow, 'verdict'>): string => (r.verdict === 'fails' ? 'FAILS' : r.verdict);

/** The text cells of a row. */
export function theoryCells(row: TheoryRow): TheoryCells {
  return {
    id: row.id,
    setting: row.setting,
    predicted: fmt(row.predicted),
    measured: row.ci ? `${fmt(row.measured)} ${fmtCi(row.ci)}` : `${fmt(row.measured)} (largest error)`,
    seeds: thousands(row.seeds),
    verdict: verdictText(row),
  };
}

/** The symbols the tables and pages use, defined once. */
export const THEORY_SYMBOLS =
  'L: weight layers of a plain net; B: residual blocks; n: width; σ²: weight gain (W ~ N(0, σ²/fan-in)); ' +
  'h_l: output of layer l; δ_l: backward signal dL/dh_l reaching it; dW_l: gradient of layer l’s weights (norms ||·||, Frobenius); ' +
  'dout: dL/d(output); x_b: residual stream after block b (x_0 after the input projection); η: branch scale, λ: shortcut scale ' +
  '(x_{b+1} = λ·x_b + η·F(x_b)); β = Σ_l 1/width_l; E and “mean”: over seeds. ' +
  'CI: jackknife over 20 groups of seeds (t with 19 df), on the log scale for positive quantities; ' +
  '±p% means within a factor 1 + p/100 either way.';

/** How a check reads in a table's heading lines: the law, what is measured, the tolerance and the alternative. */
export function checkHeading(id: string): string[] {
  const c = check(id);
  return [
    `${c.law}${c.limit ? ` [holds as ${c.limit}]` : ''}`,
    `measured: ${c.quantity}`,
    `tolerance ${toleranceText(c.tolerance)}${c.per ? ` per ${c.per}` : ''} (${c.toleranceWhy}); tested against: ${c.per ? `off by more than the tolerance from the prediction` : alternativeText(c.tolerance, 'the prediction')}`,
  ];
}

/** The counts of verdicts in words, e.g. `15 agree, 4 fail, 2 inconclusive`. */
export function verdictCounts(rows: readonly TheoryRow[]): string {
  const n = (v: TheoryRow['verdict']) => rows.filter((r) => r.verdict === v).length;
  return `${n('agrees')} agree, ${n('fails')} fail, ${n('inconclusive')} inconclusive`;
}

/**
 * The agreement table as plain text: per prediction a title line; per check its id and law, what is measured,
 * the tolerance and the alternative; then one line per setting (predicted, measured [CI], seeds, verdict)
 * with its reason (its note, and with `details` its numbers) on the lines below. Nothing is cut.
 */
export function formatTheoryTable(
  rows: readonly TheoryRow[],
  options: { titles?: boolean; details?: boolean } = {},
): string {
  const cells = rows.map(theoryCells);
  const cols = THEORY_COLUMNS.filter((c) => c.key !== 'id');
  const widths = cols.map((col) => Math.max(col.head.length, maxOf(cells.map((c) => c[col.key].length))));
  const line = (values: string[]) =>
    `    ${values.map((v, i) => (i === 1 || i === 3 ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ')}`.trimEnd();
  const out: string[] = [];
  let prediction = 0;
  let id = '';
  rows.forEach((r, i) => {
    if (options.titles !== false && r.prediction !== prediction) {
      prediction = r.prediction;
      const p = PREDICTIONS[prediction];
      if (out.length) out.push('');
      out.push(`Prediction ${prediction}. ${p.title} (${p.source})`);
    }
    if (r.id !== id) {
      id = r.id;
      const [law, ...rest] = checkHeading(id);
      out.push('', `${id}  ${law}`, ...rest.map((t) => `    ${t}`), line(cols.map((c) => c.head)));
    }
    out.push(line(cols.map((c) => cells[i][c.key])), `      ${r.reason}`);
    if (r.note) out.push(`      note: ${r.note}`);
    if (options.details) out.push(`      numbers: ${r.detail}`);
  });
  return out.join('\n');
}
