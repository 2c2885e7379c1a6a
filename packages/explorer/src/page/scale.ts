// Axis scales and ticks for the page's SVG plots: linear with 1-2-5 steps, log with decades (or 1-2-5 within one).

/** A scale: maps a value to a pixel, and its ticks with labels. */
export interface Scale {
  map(v: number): number;
  ticks: { value: number; label: string }[];
  /** Whether v can be drawn (finite; > 0 on a log scale). */
  ok(v: number): boolean;
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** A power of ten as a label: 0.01 .. 1000 written out, beyond as 10 with a superscript exponent. */
export function powerLabel(k: number): string {
  if (k >= -2 && k <= 3) return String(10 ** k >= 1 ? 10 ** k : Number((10 ** k).toFixed(-k)));
  return `10${String(k).replace(/./g, (c) => SUPERSCRIPT[c] ?? c)}`;
}

/** A number as a short tick or readout label (3 significant digits, no exponent between 1e-3 and 1e6). */
export function shortNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(2).replace('e+', 'e');
  return String(Number(v.toPrecision(3)));
}

/** A linear scale over domain onto [r0, r1] with about `count` 1-2-5 ticks. */
export function linearScale(domain: [number, number], r0: number, r1: number, count = 5, integer = false): Scale {
  let [d0, d1] = domain;
  if (d0 === d1) [d0, d1] = [d0 - 1, d1 + 1];
  const raw = (d1 - d0) / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  let step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
  if (integer) step = Math.max(1, Math.round(step));
  const ticks: Scale['ticks'] = [];
  for (let v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) {
    const value = Number(v.toPrecision(12));
    ticks.push({ value, label: shortNumber(value) });
  }
  return { map: (v) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0), ticks, ok: Number.isFinite };
}

/** A log10 scale over domain (both > 0) onto [r0, r1]: decade ticks, thinned to at most 6; 1-2-5 within a decade. */
export function logScale(domain: [number, number], r0: number, r1: number): Scale {
  let l0 = Math.log10(domain[0]);
  let l1 = Math.log10(domain[1]);
  if (l1 - l0 < 1e-9) [l0, l1] = [l0 - 0.5, l1 + 0.5];
  const map = (v: number) => r0 + ((Math.log10(v) - l0) / (l1 - l0)) * (r1 - r0);
  const ticks: Scale['ticks'] = [];
  const k0 = Math.ceil(l0 - 1e-9);
  const k1 = Math.floor(l1 + 1e-9);
  if (k1 - k0 >= 1) {
    const every = Math.ceil((k1 - k0 + 1) / 6);
    for (let k = k0; k <= k1; k++) if ((k - k0) % every === 0) ticks.push({ value: 10 ** k, label: powerLabel(k) });
  } else {
    for (let k = Math.floor(l0); k <= Math.ceil(l1); k++)
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** k;
        if (Math.log10(v) >= l0 - 1e-9 && Math.log10(v) <= l1 + 1e-9) ticks.push({ value: v, label: shortNumber(v) });
      }
  }
  return { map, ticks, ok: (v) => Number.isFinite(v) && v > 0 };
}
