import { CELL_ARRAYS, CELL_SCALARS, type CellLayout } from '@resnet/core';

/**
 * A cell record's `nonFinite` text (docs/sweep-format.md): "" when every metric is finite, else space-separated
 * `path=value` entries in record order, e.g. `ratio=Infinity gradNorms[3]=NaN actNorms[40]=-Infinity`.
 */
export function nonFiniteText(record: Float64Array, offset: number, layout: CellLayout): string {
  const end = offset + layout.length;
  let i = offset;
  // v - v is 0 for every finite v and NaN for NaN and ±Infinity.
  while (i < end && record[i]! - record[i]! === 0) i++;
  if (i === end) return '';
  const parts: string[] = [];
  for (const name of CELL_SCALARS) {
    const v = record[offset + layout[name]]!;
    if (v - v !== 0) parts.push(`${name}=${v}`);
  }
  for (const name of CELL_ARRAYS) {
    const [at, len] = layout[name];
    for (let j = 0; j < len; j++) {
      const v = record[offset + at + j]!;
      if (v - v !== 0) parts.push(`${name}[${j}]=${v}`);
    }
  }
  return parts.join(' ');
}
