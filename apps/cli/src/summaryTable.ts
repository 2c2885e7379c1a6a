import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One row of a sweep's summary.csv, the fields the CLI shows (camelCase, as every key of --json output). */
export interface SummaryRow {
  arch: string;
  depth: number;
  count: number;
  nonFinite: number;
  ratioMedian: number;
  ratioP5: number;
  ratioP95: number;
}

/** Reads summary.csv of a sweep folder (header-driven, so extra columns are fine). */
export async function readSummary(dir: string): Promise<SummaryRow[]> {
  const text = await readFile(join(dir, 'summary.csv'), 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const cols = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    const get = (...names: string[]) => cells[cols.findIndex((c) => names.includes(c))] ?? '';
    return {
      arch: get('arch'),
      depth: Number(get('depth')),
      count: Number(get('count')),
      nonFinite: Number(get('nonfinite', 'nonFinite')),
      ratioMedian: Number(get('ratio_median', 'ratioMedian')),
      ratioP5: Number(get('ratio_p5', 'ratioP5')),
      ratioP95: Number(get('ratio_p95', 'ratioP95')),
    };
  });
}

const fmt = (v: number) => (!Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2 ? v.toExponential(2) : v.toPrecision(3));

/** A compact text table: one line per depth, median and p5-p95 of the first/last ratio per arch. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const archs = [...new Set(rows.map((r) => r.arch))];
  const depths = [...new Set(rows.map((r) => r.depth))].sort((a, b) => a - b);
  const byKey = new Map(rows.map((r) => [`${r.arch}|${r.depth}`, r]));
  const colWidth = 28;
  const head = ['depth'.padStart(5), ...archs.map((a) => `${a}: median [p5 - p95]`.padEnd(colWidth))].join('  ');
  const lines = depths.map((d) => {
    const cols = archs.map((a) => {
      const r = byKey.get(`${a}|${d}`);
      if (!r) return '-'.padEnd(colWidth);
      const nf = r.nonFinite ? ` (${r.nonFinite} non-finite)` : '';
      return `${fmt(r.ratioMedian)} [${fmt(r.ratioP5)} - ${fmt(r.ratioP95)}]${nf}`.padEnd(colWidth);
    });
    return [String(d).padStart(5), ...cols].join('  ');
  });
  return ['First/last gradient-norm ratio over seeds (depth: plain = layers, residual = blocks)', head, ...lines].join('\n');
}
