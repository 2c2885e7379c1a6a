import { csvParseRows } from 'd3-dsv';

// CSV in one place: summary.csv is written with csvField (RFC 4180 quoting) and read with d3-dsv.

/** A CSV field: quoted (RFC 4180) when it holds a comma, quote or line break (an expression like max(1, depth/10)); null is empty. */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows of a CSV text (RFC 4180, as summary.csv is written), each as its fields; blank lines are left out. */
export function parseCsv(text: string): string[][] {
  return csvParseRows(text).filter((row) => !(row.length === 1 && row[0]!.trim() === ''));
}
