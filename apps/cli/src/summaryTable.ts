import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AXIS_COLUMN_NAMES, SUMMARY_CSV, parseCsv, variantLabel } from '@resnet/sweep/folder';

/** One row of a sweep's summary.csv, the fields the CLI shows (camelCase, as every key of --json output). */
export interface SummaryRow {
  arch: string;
  depth: number;
  count: number;
  nonFinite: number;
  ratioMedian: number;
  ratioP5: number;
  ratioP95: number;
  /** The row's axis columns (a sweep over variant axes), by column name as in summary.csv; absent otherwise. */
  axes?: Record<string, string>;
  /** Short label of the row's variant (e.g. `preact, eta=1/sqrt(depth)`); absent without axes. */
  variant?: string;
}

/** Reads summary.csv of a sweep folder (header-driven, so extra columns are fine). */
export async function readSummary(dir: string): Promise<SummaryRow[]> {
  const [cols = [], ...lines] = parseCsv(await readFile(join(dir, SUMMARY_CSV), 'utf8'));
  const axisCols = cols.filter((c) => AXIS_COLUMN_NAMES.includes(c));
  return lines.map((cells) => {
    const get = (...names: string[]) => cells[cols.findIndex((c) => names.includes(c))] ?? '';
    const axes = axisCols.length ? Object.fromEntries(axisCols.map((c) => [c, get(c)])) : undefined;
    return {
      ...(axes ? { axes, variant: variantLabel(axes) } : {}),
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

const fmt = (v: number) =>
  !Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-2 ? v.toExponential(2) : v.toPrecision(3);

/** Most lines the variant table prints before it keeps only each variant's deepest depth. */
export const MAX_VARIANT_LINES = 24;

/**
 * A compact text table: one line per depth, median and p5-p95 of the first/last ratio per arch; with variant axes one
 * line per (arch, variant, depth), or, past MAX_VARIANT_LINES lines, one per (arch, variant) at its deepest depth with
 * `file` (summary.csv's path) named for the rest.
 */
export function formatSummaryTable(rows: readonly SummaryRow[], file = 'summary.csv'): string {
  if (rows.some((r) => r.variant !== undefined)) return formatVariantTable(rows, file);
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
  return ['First/last gradient-norm ratio over seeds (depth: plain = layers, residual = blocks)', head, ...lines].join(
    '\n',
  );
}

/** With variant axes: one line per (arch, variant, depth) in summary.csv's order, or per (arch, variant) at its deepest depth. */
function formatVariantTable(all: readonly SummaryRow[], file: string): string {
  const short = all.length > MAX_VARIANT_LINES;
  const deepest = new Map<string, SummaryRow>();
  for (const r of all) {
    const key = `${r.arch}\u0000${r.variant ?? ''}`;
    const d = deepest.get(key);
    if (!d || r.depth > d.depth) deepest.set(key, r);
  }
  const rows = short ? [...deepest.values()] : all;
  // Column widths by a fold, not core's maxOf: this file is on `resnet sweep`'s path, which loads none of core's
  // own bundle chunk (its part of core comes with @resnet/sweep's bundle).
  const archWidth = rows.reduce((w, r) => Math.max(w, r.arch.length), 4);
  const variantWidth = rows.reduce((w, r) => Math.max(w, (r.variant ?? '').length), 7);
  const head = [
    'arch'.padEnd(archWidth),
    'variant'.padEnd(variantWidth),
    'depth'.padStart(5),
    'median [p5 - p95]',
  ].join('  ');
  const lines = rows.map((r) => {
    const nf = r.nonFinite ? ` (${r.nonFinite} non-finite)` : '';
    const ratio = `${fmt(r.ratioMedian)} [${fmt(r.ratioP5)} - ${fmt(r.ratioP95)}]${nf}`;
    return [r.arch.padEnd(archWidth), (r.variant ?? '').padEnd(variantWidth), String(r.depth).padStart(5), ratio].join(
      '  ',
    );
  });
  const unit = rows[0]?.axes?.['depthUnit'];
  const depth =
    unit === 'layers' ? 'weight layers' : unit === 'blocks' ? 'residual blocks' : 'plain = layers, residual = blocks';
  const title = short
    ? `First/last gradient-norm ratio over seeds at each variant's deepest depth (depth: ${depth}); ${all.length} rows, every depth: ${file}`
    : `First/last gradient-norm ratio over seeds, per variant (depth: ${depth})`;
  return [title, head, ...lines].join('\n');
}
