/** Domain and tick values of a log axis, chosen from the data so the figure is the same wherever it is drawn. */
export interface LogAxis {
  domain: [number, number];
  /** Tick values. */
  values: number[];
  /** Label of each tick ('' for a tick without one). */
  labels: string[];
}

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  0: '⁰',
  1: '¹',
  2: '²',
  3: '³',
  4: '⁴',
  5: '⁵',
  6: '⁶',
  7: '⁷',
  8: '⁸',
  9: '⁹',
};

/** An integer in Unicode superscripts: 6 -> "⁶", -3 -> "⁻³". */
export function superscript(k: number): string {
  return [...String(k)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

/** A tick label in the axes' one style: powers of ten as "10⁶", "10⁰", "10⁻³" (any other value as "2×10⁻¹"). */
export function powerLabel(v: number): string {
  const k = Math.floor(Math.log10(v) + 1e-9);
  const m = Number((v / 10 ** k).toPrecision(3));
  return m === 1 ? `10${superscript(k)}` : `${m}×10${superscript(k)}`;
}

/** Options of logAxis. */
export interface LogAxisOptions {
  /** Most labels the axis may carry (about one per 18 px of height); default 6. */
  maxLabels?: number;
}

const floorLog = (v: number) => Math.floor(Math.log10(v) + 1e-9);
const ceilLog = (v: number) => Math.ceil(Math.log10(v) - 1e-9);
const pow10 = (k: number) => Number((10 ** k).toPrecision(12));

/**
 * Log axis over the positive finite values, labelled with powers of ten only (powerLabel): the domain snaps out
 * to powers of ten (at least one decade), every power is a tick and every n-th is labelled counting from the
 * lowest (so when the data go below 1 a tick below 1 is labelled); over at most two decades the 2x and 5x steps
 * are unlabelled ticks too. Null when nothing is positive.
 */
export function logAxis(values: Iterable<number | null | undefined>, options: LogAxisOptions = {}): LogAxis | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) return null;
  const kLo = floorLog(lo);
  const span = Math.max(1, ceilLog(hi) - kLo);
  const every = Math.ceil(span / Math.max(1, (options.maxLabels ?? 6) - 1));
  const kHi = kLo + every * Math.ceil(span / every);
  const ticks: number[] = [];
  const labels: string[] = [];
  for (let k = kLo; k <= kHi; k++) {
    ticks.push(pow10(k));
    labels.push((k - kLo) % every === 0 ? powerLabel(pow10(k)) : '');
    if (span <= 2 && k < kHi) {
      // Round away float noise (2 * 10 ** -1 = 0.2000000000000000111) so ticks and data agree.
      for (const m of [2, 5]) {
        ticks.push(Number((m * 10 ** k).toPrecision(12)));
        labels.push('');
      }
    }
  }
  return { domain: [pow10(kLo), pow10(kHi)], values: ticks, labels };
}

/** A vega expression giving each tick value its label ('' for an unlabelled tick). */
export function labelExpr(axis: LogAxis): string {
  const cases = axis.values.flatMap((v, i) =>
    axis.labels[i] ? [`datum.value === ${v} ? ${JSON.stringify(axis.labels[i])}`] : [],
  );
  return `${cases.join(' : ')}${cases.length ? ' : ' : ''}''`;
}

/** A quantitative log-scale y channel on the given axis (no labels when nothing is positive, so the axis is null). */
export function logY(field: string, title: string | null, axis: LogAxis | null) {
  return {
    field,
    type: 'quantitative' as const,
    scale: axis ? { type: 'log' as const, domain: axis.domain, nice: false } : { type: 'log' as const },
    axis: axis ? { title, values: axis.values, labelExpr: labelExpr(axis) } : { title, labels: false },
  };
}

/** Tick values for a depth axis: every depth when there are few, else vega's choice. */
export function depthTicks(depths: readonly number[]): { values?: number[]; tickCount?: number } {
  const unique = [...new Set(depths)].sort((a, b) => a - b);
  return unique.length <= 10 ? { values: unique } : { tickCount: 6 };
}

/** The x encoding of a figure against depth: linear, neither zero nor rounded, ticks at the depths (depthTicks). */
export function depthX(title: string, depths: readonly number[]) {
  return {
    field: 'x',
    type: 'quantitative' as const,
    title,
    scale: { zero: false, nice: false },
    axis: depthTicks(depths),
  };
}
