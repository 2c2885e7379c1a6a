import { buildSummary, createLayout, parseCsv, type GridSpec } from '@resnet/sweep/browser';
import { STAT_FIELDS } from '@resnet/sweep/browser';

/** summary.csv of the first `seeds` seeds of a grid, read back: its text, header and rows (row g = group g). */
export interface Summary {
  csv: string;
  header: string[];
  /** Each row's fields as summary.csv writes them. */
  rows: string[][];
  /** Each row's numeric fields by column name (NaN where the field is empty or not a number). */
  values: Record<string, number>[];
  seeds: number;
}

/**
 * The sweep's own summary.csv (buildSummary over the sweep's layout) of seeds [0, seeds) of the grid, from the
 * cells' summary values in canonical order: what `resnet sweep` writes for that many seeds, byte for byte.
 */
export function pageSummary(grid: GridSpec, stats: Float64Array, seeds: number): Summary {
  const part: GridSpec = { ...grid, seeds: { start: grid.seeds.start, count: seeds } };
  const layout = createLayout(part);
  const { csv } = buildSummary(layout, stats.subarray(0, layout.cellCount * STAT_FIELDS));
  const [header = [], ...rows] = parseCsv(csv);
  const values = rows.map((r) =>
    Object.fromEntries(header.map((h, i) => [h, r[i] === '' ? Number.NaN : Number(r[i])])),
  );
  return { csv, header, rows, values, seeds };
}
