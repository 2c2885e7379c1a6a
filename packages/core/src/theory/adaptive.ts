import { JACKKNIFE_GROUPS } from './jackknife.js';
import type { TheoryRow } from './types.js';
import { maxOf } from '../extrema.js';

/**
 * How many seeds a unit runs: `start` first; while a row is inconclusive and the seeds it needs are within
 * `max`, more (at most `looks` looks in all). Every look's interval is at `level`; with k looks the chance that
 * any verdict rests on an interval that missed is at most k(1 - level) (Bonferroni), so an adaptive run at
 * level 1 - 1%/k keeps it at 1%.
 */
export interface SeedPlan {
  start: number;
  max: number;
  looks: number;
  level: number;
}

/** Networks that share a seed count and the rows measured on them. */
export interface SeedUnit {
  /** For progress, e.g. `prediction 1: σ² = 2`. */
  label: string;
  /** Runs seeds up to `to` (exclusive). */
  extend(to: number): void;
  /** The rows at the seeds run so far, intervals at level. */
  rows(level: number): TheoryRow[];
}

const key = (r: TheoryRow) => `${r.id}\u0000${r.setting}`;
const roundUp = (n: number) => Math.ceil(n / JACKKNIFE_GROUPS) * JACKKNIFE_GROUPS;

/**
 * Runs a unit by its plan and returns its rows: each row as at the look that decided it (a decided row
 * stops there, as a sequential test does), the still-inconclusive ones as at the last look, with the seeds
 * they would need. Deterministic: the looks depend on the data of seeds 0, 1, ... only.
 */
export function measureUnit(unit: SeedUnit, plan: SeedPlan, onLook?: (seeds: number) => void): TheoryRow[] {
  const final = new Map<string, TheoryRow>();
  let order: string[] = [];
  let n = plan.start;
  for (let look = 1; ; look++) {
    unit.extend(n);
    onLook?.(n);
    const rows = unit.rows(plan.level);
    if (look === 1) order = rows.map(key);
    for (const r of rows) if (!final.has(key(r)) && r.verdict !== 'inconclusive') final.set(key(r), r);
    const open = rows.filter((r) => !final.has(key(r)));
    const wanted = open.flatMap((r) => (r.seedsNeeded !== null && r.seedsNeeded <= plan.max ? [r.seedsNeeded] : []));
    if (wanted.length === 0 || look >= plan.looks || n >= plan.max) {
      for (const r of open) final.set(key(r), r);
      break;
    }
    // Aim past the projection (it assumes the estimate stays put) but never less than 1.5x the seeds so far.
    n = Math.min(plan.max, roundUp(Math.max(1.1 * maxOf(wanted), 1.5 * n)));
  }
  return order.map((k) => final.get(k)!);
}
