/**
 * Central finite differences of a scalar function f at params, element by element:
 * (f(p + h) - f(p - h)) / 2h. Restores every element after probing it.
 */
export function numericGradient(f: () => number, params: Float64Array, h = 1e-6): Float64Array {
  const grad = new Float64Array(params.length);
  for (let i = 0; i < params.length; i++) {
    const saved = params[i];
    params[i] = saved + h;
    const plus = f();
    params[i] = saved - h;
    const minus = f();
    params[i] = saved;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}

/** ||a - b|| / max(||a|| + ||b||, tiny): the usual gradcheck relative error. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return Math.sqrt(diff) / Math.max(Math.sqrt(na) + Math.sqrt(nb), 1e-300);
}
