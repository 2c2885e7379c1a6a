import type { CellLayout } from '@resnet/core';
import { STAT_FIRST_GRAD, STAT_LAST_ACT, STAT_LAST_GRAD, STAT_NONFINITE, STAT_RATIO } from './folder/names.js';
import { nonFiniteText } from './parquet/nonFinite.js';

/**
 * Writes a cell's STAT_FIELDS summary values (what summary.csv is built from) at stats[at..]: the ratio, the first
 * and last gradNorms, the last actNorms and the non-finite flag, read from its record at records[offset..].
 * Returns the record's non-finite text ('' when every metric is finite).
 */
export function cellStats(
  records: Float64Array,
  offset: number,
  layout: CellLayout,
  stats: Float64Array,
  at: number,
): string {
  const text = nonFiniteText(records, offset, layout);
  const [grad, grads] = layout.gradNorms;
  const [act, acts] = layout.actNorms;
  stats[at + STAT_RATIO] = records[offset + layout.ratio]!;
  stats[at + STAT_FIRST_GRAD] = records[offset + grad]!;
  stats[at + STAT_LAST_GRAD] = records[offset + grad + grads - 1]!;
  stats[at + STAT_LAST_ACT] = records[offset + act + acts - 1]!;
  stats[at + STAT_NONFINITE] = text === '' ? 0 : 1;
  return text;
}
