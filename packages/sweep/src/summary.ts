import { summaryStats } from '@resnet/core';
import { STAT_FIELDS, STAT_NONFINITE } from './folder/names.js';
import type { GridLayout } from './layout.js';
import type { SweepAxes } from './axes.js';
import { axisColumns } from './axisColumns.js';

/** Summary metrics in column order; metric m reads stats slot m (STAT_RATIO .. STAT_LAST_ACT). */
const METRICS = ['ratio', 'first_grad', 'last_grad', 'last_act'] as const;
const STATS = ['median', 'mean', 'geomean', 'p5', 'p25', 'p75', 'p95'] as const;

/** The summary.csv header line of a grid without axes. */
export const SUMMARY_HEADER =
  ['arch', 'depth', 'count', 'nonfinite', ...METRICS.flatMap((m) => STATS.map((s) => `${m}_${s}`))].join(',') + '\n';

/** The summary.csv header line of a grid with these axes: their columns (axisColumns(axes, 'summary')) go between arch and depth. */
export function summaryHeader(axes: SweepAxes | undefined): string {
  const extra = axisColumns(axes, 'summary').map((c) => c.name);
  return extra.length ? SUMMARY_HEADER.replace('arch,', `arch,${extra.join(',')},`) : SUMMARY_HEADER;
}

/** Splits one summary.csv line into its fields (RFC 4180 quotes: an expression field may hold commas). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let text = '';
      let j = i + 1;
      for (; j < line.length; j++) {
        if (line[j] === '"' && line[j + 1] === '"') {
          text += '"';
          j++;
        } else if (line[j] === '"') break;
        else text += line[j];
      }
      out.push(text);
      i = j + 2; // past the closing quote and the comma
    } else {
      const end = line.indexOf(',', i);
      out.push(line.slice(i, end < 0 ? line.length : end));
      if (end < 0) break;
      i = end + 1;
    }
  }
  return out;
}

/** A CSV field: quoted (RFC 4180) when it holds a comma, quote or line break (an expression like max(1, depth/10)). */
function csvField(v: string | number | null): string {
  if (v === null) return '';
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * summary.csv of a folder from its cells' summary values (`stats`: STAT_FIELDS float64 per cell of
 * the folder, in canonical order from layout.firstCell): one row per (arch, axis values, depth) in group
 * order; `depth` is the grid's depth value (in its depth unit).
 * Statistics are over finite values, so they do not depend on the order cells were computed in.
 */
export function buildSummary(l: GridLayout, stats: Float64Array): { csv: string; nonFinite: number } {
  let csv = summaryHeader(l.grid.axes);
  const extra = axisColumns(l.grid.axes, 'summary');
  let total = 0;
  const G = l.groupCount;
  const values = METRICS.map(() => new Float64Array(Math.ceil(l.cellCount / G) + 1));
  for (let g = 0; g < G; g++) {
    // The folder's cells of group g: k = firstCell.. with k % G == g.
    let n = 0;
    let nonFinite = 0;
    for (let k = l.firstCell + ((g - (l.firstCell % G) + G) % G); k < l.lastCell; k += G) {
      const at = (k - l.firstCell) * STAT_FIELDS;
      for (let m = 0; m < METRICS.length; m++) values[m]![n] = stats[at + m]!;
      if (stats[at + STAT_NONFINITE] !== 0) nonFinite++;
      n++;
    }
    const cell = l.groupCells[g]!;
    const row: string[] = [
      l.groupArch[g]!,
      ...extra.map((c) => csvField(cell.values[c.name] ?? null)),
      String(cell.gridDepth),
      String(n),
      String(nonFinite),
    ];
    for (const v of values) {
      const s = summaryStats(v.subarray(0, n));
      for (const name of STATS) row.push(String(s[name]));
    }
    csv += row.join(',') + '\n';
    total += nonFinite;
  }
  return { csv, nonFinite: total };
}
