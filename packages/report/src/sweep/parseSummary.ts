import { AXIS_COLUMN_NAMES, parseCsv } from '@resnet/sweep/folder';
import { ReportError } from '../errors.js';
import type { SummaryRow, SummaryTable } from './types.js';

const KEYS = ['arch', 'depth', 'count', 'nonfinite'] as const;

/**
 * Parses summary.csv (header `arch,[axis columns,]depth,count,nonfinite,<metric>_<stat>...`); numbers may be NaN
 * or ±Infinity; axis columns (a sweep over variant axes) are kept as text.
 */
export function parseSummary(text: string, file: string): SummaryTable {
  const lines = parseCsv(text);
  const fail = (line: number, what: string): never => {
    throw new ReportError(
      `${file} line ${line}: ${what}. Expected summary.csv as \`resnet sweep\` writes it (docs/sweep-format.md).`,
      file,
      line,
    );
  };
  if (lines.length === 0) fail(1, 'the file is empty; it needs a header row');
  // 1. Header: the four key columns first (any axis columns after arch), then statistic columns.
  const all = lines[0]!.map((h) => h.trim());
  let axisCount = 0;
  while (AXIS_COLUMN_NAMES.includes(all[1 + axisCount] ?? '')) axisCount++;
  const axisNames = all.slice(1, 1 + axisCount);
  const header = [all[0]!, ...all.slice(1 + axisCount)];
  KEYS.forEach((k, i) => {
    if (header[i] !== k)
      fail(
        1,
        `column ${i + 1} is ${JSON.stringify(header[i] ?? '')}, not "${k}" (header must start with ${KEYS.join(',')})`,
      );
  });
  const columns = header.slice(KEYS.length);
  // 2. Rows: one per (arch, depth), all numeric except arch.
  const rows: SummaryRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const fields = lines[i]!;
    if (fields.length !== all.length) fail(i + 1, `has ${fields.length} fields; the header has ${all.length}`);
    const cols = [fields[0]!, ...fields.slice(1 + axisCount)];
    const number = (j: number): number => {
      const s = cols[j]!.trim();
      const v = s === 'NaN' ? NaN : Number(s);
      if (s === '' || (Number.isNaN(v) && s !== 'NaN'))
        fail(i + 1, `${header[j]} is ${JSON.stringify(s)}; expected a number, NaN or Infinity`);
      return v;
    };
    const values: Record<string, number> = {};
    columns.forEach((c, j) => {
      values[c] = number(j + KEYS.length);
    });
    const row: SummaryRow = { arch: cols[0]!.trim(), depth: number(1), count: number(2), nonfinite: number(3), values };
    if (axisCount) row.axes = Object.fromEntries(axisNames.map((n, j) => [n, fields[1 + j]!]));
    rows.push(row);
  }
  return { columns, rows };
}
