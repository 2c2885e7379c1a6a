import { LOG_LABEL_EXPR } from '../theme.js';

/** Domain and tick values of a log axis, chosen from the data so the figure is the same wherever it is drawn. */
export interface LogAxis {
  domain: [number, number];
  values: number[];
}

const NICE = [1, 2, 5] as const;

function niceBelow(v: number): number {
  const k = Math.floor(Math.log10(v));
  for (let i = NICE.length - 1; i >= 0; i--) if (NICE[i]! * 10 ** k <= v * (1 + 1e-12)) return NICE[i]! * 10 ** k;
  return 10 ** k;
}

function niceAbove(v: number): number {
  const k = Math.floor(Math.log10(v));
  for (const m of NICE) if (m * 10 ** k >= v * (1 - 1e-12)) return m * 10 ** k;
  return 10 ** (k + 1);
}

/**
 * Log axis over the positive finite values: the domain snaps out to 1-2-5 steps; ticks are 1-2-5
 * steps over up to 2.5 decades, 1-3 steps up to 4, and powers of ten (every 2nd or 3rd when wide)
 * beyond. Returns null when there is nothing positive to show.
 */
export function logAxis(values: Iterable<number | null | undefined>): LogAxis | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(lo <= hi)) return null;
  const domain: [number, number] = [niceBelow(lo), niceAbove(hi)];
  if (domain[0] === domain[1]) domain[1] = niceAbove(domain[1] * 1.01);
  const decades = Math.log10(domain[1] / domain[0]);
  const steps = decades <= 2.5 ? NICE : decades <= 4 ? ([1, 3] as const) : ([1] as const);
  const every = decades <= 6 ? 1 : Math.ceil(decades / 6);
  const tickValues: number[] = [];
  for (let k = Math.floor(Math.log10(domain[0])); k <= Math.ceil(Math.log10(domain[1])); k++) {
    if (steps.length === 1 && k % every !== 0) continue;
    for (const m of steps) {
      // Round away float noise (3 * 10 ** -1 = 0.30000000000000004) so labels and data agree.
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= domain[0] * (1 - 1e-12) && v <= domain[1] * (1 + 1e-12)) tickValues.push(v);
    }
  }
  return { domain, values: tickValues };
}

/** A quantitative log-scale y channel on the given axis (vega's defaults when axis is null). */
export function logY(field: string, title: string | null, axis: LogAxis | null) {
  return {
    field,
    type: 'quantitative' as const,
    scale: axis ? { type: 'log' as const, domain: axis.domain, nice: false } : { type: 'log' as const },
    axis: axis ? { title, values: axis.values, labelExpr: LOG_LABEL_EXPR } : { title, labelExpr: LOG_LABEL_EXPR },
  };
}

/** Tick values for a depth axis: every depth when there are few, else vega's choice. */
export function depthTicks(depths: readonly number[]): { values?: number[]; tickCount?: number } {
  const unique = [...new Set(depths)].sort((a, b) => a - b);
  return unique.length <= 10 ? { values: unique } : { tickCount: 6 };
}
