/** Digamma psi(x) for x > 0: recurrence up to x >= 10, then the asymptotic series (error < 1e-13). */
export function digamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r -= 1 / x;
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    r +
    Math.log(x) -
    0.5 / x -
    f * (1 / 12 - f * (1 / 120 - f * (1 / 252 - f * (1 / 240 - f * (1 / 132 - (f * 691) / 32760)))))
  );
}

/** Trigamma psi'(x) for x > 0: recurrence up to x >= 10, then the asymptotic series (error < 1e-13). */
export function trigamma(x: number): number {
  let r = 0;
  while (x < 10) {
    r += 1 / (x * x);
    x += 1;
  }
  const f = 1 / (x * x);
  return (
    r + 1 / x + f / 2 + (f / x) * (1 / 6 - f * (1 / 30 - f * (1 / 42 - f * (1 / 30 - f * (5 / 66 - (f * 691) / 2730)))))
  );
}

/** log C(n, k). */
function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/**
 * Exact Var[ln S] for S = sum of n i.i.d. relu(g)^2, g ~ N(0, 1), given S > 0: S is chi-square with K ~
 * Binomial(n, 1/2) degrees of freedom, so Var = E[psi'(K/2)] + Var[psi(K/2)] over K >= 1. This is one
 * He-initialised ReLU layer of width n's contribution to Var ln ||h_L||^2 (Hanin 2018: about 5/n).
 */
export function reluLayerLogVariance(n: number): number {
  const p0 = Math.exp(-n * Math.LN2);
  let e1 = 0;
  let m = 0;
  let m2 = 0;
  for (let k = 1; k <= n; k++) {
    const p = Math.exp(logChoose(n, k) - n * Math.LN2) / (1 - p0);
    const psi = digamma(k / 2);
    e1 += p * trigamma(k / 2);
    m += p * psi;
    m2 += p * psi * psi;
  }
  return e1 + m2 - m * m;
}
