import { summaryStats } from '@resnet/core';
import type { SweepAxes } from './axes.js';
import { axisColumns } from './axisColumns.js';
import { csvField } from './csv.js';
import { SweepError } from './errors.js';
import { CELL_STATS, STAT_FIELDS, STAT_NONFINITE, SUMMARY_CSV } from './folder/names.js';
import type { JobSummary } from './job/job.js';
import type { GridLayout } from './layout.js';

/** Summary metrics in column order; metric m reads stats slot m (STAT_RATIO .. STAT_LAST_ACT). */
const METRICS = ['ratio', 'first_grad', 'last_grad', 'last_act'] as const;
const STATS = ['median', 'mean', 'geomean', 'p5', 'p25', 'p75', 'p95'] as const;

const COLUMNS = ['arch', 'depth', 'count', 'nonfinite', ...METRICS.flatMap((m) => STATS.map((s) => `${m}_${s}`))];
/** The summary.csv header line of a grid without axes. */
export const SUMMARY_HEADER = `${COLUMNS.join(',')}\n`;

/** The summary.csv header line of a grid with these axes: their columns (axisColumns(axes, 'summary')) go between arch and depth. */
export function summaryHeader(axes: SweepAxes | undefined): string {
  const extra = axisColumns(axes, 'summary').map((c) => c.name);
  return extra.length ? SUMMARY_HEADER.replace('arch,', `arch,${extra.join(',')},`) : SUMMARY_HEADER;
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
    csv += `${row.join(',')}\n`;
    total += nonFinite;
  }
  return { csv, nonFinite: total };
}

/** The summary a sweep keeps: summary.csv from the folder's cellstats.f64 (`read` gives a finished file's bytes). */
export function summarizeCells(l: GridLayout, read: (name: string) => Buffer): JobSummary {
  const bytes = read(CELL_STATS);
  if (bytes.length !== l.cellCount * STAT_FIELDS * 8)
    throw new SweepError(
      `${CELL_STATS}: ${bytes.length} bytes of summary values, expected ${l.cellCount * STAT_FIELDS * 8}; the folder is damaged.`,
    );
  const stats =
    bytes.byteOffset % 8 === 0
      ? new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8)
      : new Float64Array(Uint8Array.from(bytes).buffer);
  const { csv, nonFinite } = buildSummary(l, stats);
  return { files: { [SUMMARY_CSV]: Buffer.from(csv) }, fields: { nonFinite } };
}
