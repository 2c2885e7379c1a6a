/** A number for the table's text: 4 significant digits, exponent form outside 1e-3..1e5. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(2) : String(Number(x.toPrecision(4)));
}

/** `[lo, hi]` with fmt. */
export function fmtCi(ci: readonly [number, number]): string {
  return `[${fmt(ci[0])}, ${fmt(ci[1])}]`;
}

/** Calls tick(label) after each network; the runner counts networks for its progress line. */
export type Tick = (label: string) => void;
