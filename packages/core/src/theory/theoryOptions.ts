import { OptionsError } from '../errors.js';
import { checkInteger } from '../validate.js';
import type { SeedPlan } from './adaptive.js';
import { JACKKNIFE_GROUPS } from './jackknife.js';

/** A (width, depth) cell of prediction 5's grid: a square plain ReLU net of `depth` layers of `width` units. */
export interface HaninCell {
  width: number;
  depth: number;
}

/** Options of runTheory; every field is optional and defaults to the full-size table (kDefaultTheoryOptions). */
export interface TheoryOptions {
  /** Seeds per network for predictions 1 to 4, fixed: one look, 99% intervals. Default: adaptive (minSeeds to maxSeeds). */
  seeds?: number;
  /** Seeds per net of prediction 5's grid, fixed; default half of `seeds` when that is given, else adaptive. */
  haninSeeds?: number;
  /** Adaptive: seeds per network at the first look (>= 20: the jackknife deals seeds into 20 groups). */
  minSeeds?: number;
  /** Adaptive: most seeds per network; a row that needs more stays inconclusive and says how many. */
  maxSeeds?: number;
  /** Adaptive: prediction 5's first look, seeds per net of its grid. */
  haninMinSeeds?: number;
  /** Adaptive: prediction 5's most seeds per net. */
  haninMaxSeeds?: number;
  /** Adaptive: most looks per network (each at level 1 - 1%/looks, so 1% over all looks). */
  looks?: number;
  /** Width (= input size) of every network of predictions 1 to 4. */
  width?: number;
  /** Prediction 1: weight layers of the plain net. */
  depth?: number;
  /** Prediction 1: depth of the second first/last ||dW||^2 comparison. */
  deepDepth?: number;
  /** Predictions 2 to 4: residual blocks B. */
  blocks?: number;
  /** Prediction 4: the widths its width → ∞ laws are shown at (their approach), besides `width`. */
  approachWidths?: readonly number[];
  /** Prediction 4: seeds per net of the approach over widths (default min(1000, seeds)). */
  approachSeeds?: number;
  /** Prediction 5: the grid; must hold both nets of the equal-beta pair (haninPair). */
  haninGrid?: readonly HaninCell[];
  /** Prediction 5: the two nets of equal beta = depth / width compared, [a, b]. */
  haninPair?: readonly [HaninCell, HaninCell];
  /** Which predictions to run (1 to 5); default all. */
  predictions?: readonly number[];
  /** Called after each look of each unit of networks: units done, units in all, and what was measured. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** TheoryOptions resolved: every default filled in and checked, and the seed plans they give. */
export interface ResolvedTheoryOptions {
  /** `fixed` (seeds given: one look at 99%) or `adaptive`. */
  mode: 'fixed' | 'adaptive';
  /** Seed plan of each network of predictions 1 and 4. */
  plan: SeedPlan;
  /** Seed plan of prediction 5's grid. */
  haninPlan: SeedPlan;
  /** Seeds of the exact identities (predictions 2 and 3: any count decides them). */
  exactSeeds: number;
  approachSeeds: number;
  approachWidths: number[];
  width: number;
  depth: number;
  deepDepth: number;
  blocks: number;
  haninGrid: HaninCell[];
  haninPair: readonly [HaninCell, HaninCell];
  predictions: number[];
  onProgress?: TheoryOptions['onProgress'];
}

const grid = (widths: number[], depths: number[]): HaninCell[] =>
  widths.flatMap((width) => depths.map((depth) => ({ width, depth })));

/** The full-size table's settings: adaptive seeds, width 16, plain depth 10 (and 40), 10 blocks, Hanin grid widths 16 and 32 x depths 5..40 plus (64, 40). */
export const kDefaultTheoryOptions = Object.freeze({
  minSeeds: 1000,
  maxSeeds: 32000,
  haninMinSeeds: 1000,
  haninMaxSeeds: 4000,
  looks: 4,
  width: 16,
  depth: 10,
  deepDepth: 40,
  blocks: 10,
  approachWidths: [8, 16, 32, 64],
  haninGrid: [...grid([16, 32], [5, 10, 20, 40]), { width: 64, depth: 40 }],
  haninPair: [
    { width: 16, depth: 10 },
    { width: 64, depth: 40 },
  ] as const,
  predictions: [1, 2, 3, 4, 5],
});

/** Overall chance that a verdict rests on an interval that missed: 1%. */
const ALPHA = 0.01;

/** Fills defaults and validates every field once (errors name the option, what was given and what is accepted). */
export function resolveTheoryOptions(options: TheoryOptions = {}): ResolvedTheoryOptions {
  const o = { ...kDefaultTheoryOptions, ...options };
  const seedsOf = (name: string, v: unknown) => checkInteger(name, v, JACKKNIFE_GROUPS);
  const fixed = o.seeds !== undefined;
  const seeds = fixed ? seedsOf('seeds', o.seeds) : undefined;
  const minSeeds = seedsOf('minSeeds', o.minSeeds);
  const maxSeeds = seedsOf('maxSeeds', o.maxSeeds);
  const haninMin = seedsOf('haninMinSeeds', o.haninMinSeeds);
  const haninMax = seedsOf('haninMaxSeeds', o.haninMaxSeeds);
  if (maxSeeds < minSeeds) throw new OptionsError('maxSeeds', maxSeeds, `an integer >= minSeeds (${minSeeds})`);
  if (haninMax < haninMin)
    throw new OptionsError('haninMaxSeeds', haninMax, `an integer >= haninMinSeeds (${haninMin})`);
  const looks = checkInteger('looks', o.looks, 1, 10);
  const haninSeeds =
    o.haninSeeds !== undefined
      ? seedsOf('haninSeeds', o.haninSeeds)
      : seeds !== undefined
        ? Math.max(JACKKNIFE_GROUPS, Math.ceil(seeds / 2))
        : undefined;
  const fixedPlan = (n: number) => ({ start: n, max: n, looks: 1, level: 1 - ALPHA });
  const adaptive = (start: number, max: number) => ({ start, max, looks, level: 1 - ALPHA / looks });
  const haninGrid = checkCells('haninGrid', o.haninGrid);
  if (!Array.isArray(o.haninPair) || o.haninPair.length !== 2)
    throw new OptionsError('haninPair', o.haninPair, 'two { width, depth } cells');
  const haninPair = [cellOf('haninPair[0]', o.haninPair[0]), cellOf('haninPair[1]', o.haninPair[1])] as const;
  for (const [i, p] of haninPair.entries()) {
    if (!haninGrid.some((c) => c.width === p.width && c.depth === p.depth)) {
      throw new OptionsError(`haninPair[${i}]`, `${p.width}x${p.depth}`, 'a cell of haninGrid');
    }
  }
  if (
    !Array.isArray(o.predictions) ||
    o.predictions.length === 0 ||
    o.predictions.some((p) => ![1, 2, 3, 4, 5].includes(p))
  ) {
    throw new OptionsError('predictions', o.predictions, 'a non-empty array of prediction numbers 1 to 5');
  }
  if (!Array.isArray(o.approachWidths) || o.approachWidths.length === 0)
    throw new OptionsError('approachWidths', o.approachWidths, 'a non-empty array of widths');
  const width = checkInteger('width', o.width, 1);
  const approachWidths = [
    ...new Set([...o.approachWidths.map((w, i) => checkInteger(`approachWidths[${i}]`, w, 1)), width]),
  ];
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new OptionsError('onProgress', o.onProgress, 'a function');
  return {
    mode: fixed ? 'fixed' : 'adaptive',
    plan: seeds !== undefined ? fixedPlan(seeds) : adaptive(minSeeds, maxSeeds),
    haninPlan: haninSeeds !== undefined ? fixedPlan(haninSeeds) : adaptive(haninMin, haninMax),
    exactSeeds: seeds ?? minSeeds,
    approachSeeds:
      o.approachSeeds !== undefined ? seedsOf('approachSeeds', o.approachSeeds) : Math.min(1000, seeds ?? 1000),
    approachWidths: approachWidths.sort((a, b) => a - b),
    width,
    depth: checkInteger('depth', o.depth, 3),
    deepDepth: checkInteger('deepDepth', o.deepDepth, 2),
    blocks: checkInteger('blocks', o.blocks, 1),
    haninGrid,
    haninPair,
    predictions: [...new Set(o.predictions)].sort(),
    onProgress: o.onProgress,
  };
}

function checkCells(option: string, cells: unknown): HaninCell[] {
  if (!Array.isArray(cells) || cells.length === 0)
    throw new OptionsError(option, cells, 'a non-empty array of { width, depth }');
  return cells.map((c, i) => cellOf(`${option}[${i}]`, c));
}

function cellOf(option: string, c: unknown): HaninCell {
  if (c === null || typeof c !== 'object') throw new OptionsError(option, c, 'a { width, depth } object');
  const { width, depth } = c as HaninCell;
  return { width: checkInteger(`${option}.width`, width, 1), depth: checkInteger(`${option}.depth`, depth, 2) };
}
