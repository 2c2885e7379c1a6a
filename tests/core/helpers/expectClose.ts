/** Largest relative difference |a-b| / |b| over two equal-length arrays (NaN if lengths differ). */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number | null>): number {
  if (actual.length !== expected.length) return NaN;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null) {
      if (Number.isFinite(a)) return Infinity;
      continue;
    }
    const err = e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e);
    if (!(err <= worst)) worst = err;
  }
  return worst;
}
