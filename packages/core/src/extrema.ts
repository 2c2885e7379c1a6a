// Math.max and Math.min over a list without spreading it into the call: a spread passes every element as an
// argument, and a grid-sized list (a hundred thousand or more) overflows the stack. Same results as the spread.

/** Math.max(...values) without the spread: -Infinity for none, NaN when any is NaN, +0 over -0. */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v > m || (v === 0 && m === 0 && Object.is(m, -0))) m = v;
  }
  return m;
}

/** Math.min(...values) without the spread: Infinity for none, NaN when any is NaN, -0 under +0. */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) {
    if (Number.isNaN(v)) return NaN;
    if (v < m || (v === 0 && m === 0 && Object.is(v, -0))) m = v;
  }
  return m;
}

/** Appends every item of `items` to `list` (list.push(...items) without the spread); returns `list`. */
export function pushAll<T>(list: T[], items: Iterable<T>): T[] {
  for (const item of items) list.push(item);
  return list;
}
