import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';

const VALUES: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
const SCALARS: ReadonlySet<string> = new Set(CELL_SCALARS);
const ARRAYS: ReadonlySet<string> = new Set(CELL_ARRAYS);

/**
 * Puts the non-finite values a JSON Lines v2 cell lists in `nonFinite` (e.g. `ratio=NaN gradNorms[3]=-Infinity`)
 * back in place of its nulls. Array entries are skipped when `arrays` is false (arrays not decoded).
 * Returns a fault text, or null when every entry named a null and no null is left.
 */
export function restoreNonFinite(cell: Record<string, unknown>, text: string, arrays: boolean): string | null {
  if (text !== '') {
    for (const entry of text.split(' ')) {
      const eq = entry.indexOf('=');
      const value = eq > 0 ? VALUES[entry.slice(eq + 1)] : undefined;
      if (value === undefined)
        return `nonFinite entry ${JSON.stringify(entry)} is not path=NaN, path=Infinity or path=-Infinity`;
      const path = entry.slice(0, eq);
      const open = path.indexOf('[');
      if (open < 0) {
        if (!SCALARS.has(path)) return `nonFinite entry ${JSON.stringify(entry)} names no metric`;
        if (cell[path] !== null)
          return `nonFinite names ${path} but the line has ${JSON.stringify(cell[path])} there, not null`;
        cell[path] = value;
        continue;
      }
      const name = path.slice(0, open);
      const index = Number(path.slice(open + 1, -1));
      if (!ARRAYS.has(name) || !path.endsWith(']') || !Number.isInteger(index) || index < 0)
        return `nonFinite entry ${JSON.stringify(entry)} names no metric`;
      if (!arrays) continue;
      const arr = cell[name];
      if (!Array.isArray(arr) || arr[index] !== null)
        return `nonFinite names ${path} but the line has ${JSON.stringify(Array.isArray(arr) ? arr[index] : arr)} there, not null`;
      arr[index] = value;
    }
  }
  for (const k of CELL_SCALARS) if (cell[k] === null) return `${k} is null but nonFinite does not say what it was`;
  if (arrays) {
    for (const k of CELL_ARRAYS) {
      const arr = cell[k];
      if (Array.isArray(arr)) {
        const at = arr.indexOf(null);
        if (at >= 0) return `${k}[${at}] is null but nonFinite does not say what it was`;
      }
    }
  }
  return null;
}
