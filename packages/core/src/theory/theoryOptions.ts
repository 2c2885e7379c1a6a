import { OptionsError } from '../errors.js';
import { checkInteger } from '../validate.js';
import { JACKKNIFE_GROUPS } from './jackknife.js';

/** A (width, depth) cell of prediction 5's grid: a square plain ReLU net of `depth` layers of `width` units. */
export interface HaninCell {
  width: number;
  depth: number;
}

/** Options of runTheory; every field is optional and defaults to the full-size table (kDefaultTheoryOptions). */
export interface TheoryOptions {
  /** Seeds per network for predictions 1 to 4 (>= 20: the jackknife deals seeds into 20 groups). */
  seeds?: number;
  /** Seeds per cell of prediction 5's width x depth grid; default ceil(seeds / 2) (its widest net dominates the time). */
  haninSeeds?: number;
  /** Width (= input size) of every network of predictions 1 to 4. */
  width?: number;
  /** Prediction 1: weight layers of the plain net. */
  depth?: number;
  /** Prediction 1: depth of the second first/last ||dW||^2 comparison (the issue quotes depths 10 and 40). */
  deepDepth?: number;
  /** Predictions 2 to 4: residual blocks B. */
  blocks?: number;
  /** Prediction 5: the grid; must hold both nets of the equal-beta pair (haninPair). */
  haninGrid?: readonly HaninCell[];
  /** Prediction 5: the two nets of equal beta = depth / width compared, [a, b]. */
  haninPair?: readonly [HaninCell, HaninCell];
  /** Which predictions to run (1 to 5); default all. */
  predictions?: readonly number[];
  /** Called after each network's seeds: how many of the total networks are done, and which. */
  onProgress?: (done: number, total: number, label: string) => void;
}

/** TheoryOptions with every default filled in and checked. */
export type ResolvedTheoryOptions = Required<Omit<TheoryOptions, 'onProgress'>> & Pick<TheoryOptions, 'onProgress'>;

const grid = (widths: number[], depths: number[]): HaninCell[] =>
  widths.flatMap((width) => depths.map((depth) => ({ width, depth })));

/** The full-size table's settings: 1000 seeds, width 16, plain depth 10 (and 40), 10 blocks, Hanin grid widths 16 and 32 x depths 5..40 plus (64, 40). */
export const kDefaultTheoryOptions: Readonly<Omit<ResolvedTheoryOptions, 'haninSeeds' | 'onProgress'>> = Object.freeze({
  seeds: 1000,
  width: 16,
  depth: 10,
  deepDepth: 40,
  blocks: 10,
  haninGrid: [...grid([16, 32], [5, 10, 20, 40]), { width: 64, depth: 40 }],
  haninPair: [
    { width: 16, depth: 10 },
    { width: 64, depth: 40 },
  ] as const,
  predictions: [1, 2, 3, 4, 5],
});

/** Fills defaults and validates every field once (errors name the option, what was given and what is accepted). */
export function resolveTheoryOptions(options: TheoryOptions = {}): ResolvedTheoryOptions {
  const o = { ...kDefaultTheoryOptions, ...options };
  const seeds = checkInteger('seeds', o.seeds, JACKKNIFE_GROUPS);
  const haninSeeds = checkInteger(
    'haninSeeds',
    o.haninSeeds ?? Math.max(JACKKNIFE_GROUPS, Math.ceil(seeds / 2)),
    JACKKNIFE_GROUPS,
  );
  if (!Array.isArray(o.haninGrid) || o.haninGrid.length === 0)
    throw new OptionsError('haninGrid', o.haninGrid, 'a non-empty array of { width, depth }');
  const haninGrid = o.haninGrid.map((c, i) => cellOf(`haninGrid[${i}]`, c));
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
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function')
    throw new OptionsError('onProgress', o.onProgress, 'a function');
  return {
    seeds,
    haninSeeds,
    width: checkInteger('width', o.width, 1),
    depth: checkInteger('depth', o.depth, 3),
    deepDepth: checkInteger('deepDepth', o.deepDepth, 2),
    blocks: checkInteger('blocks', o.blocks, 1),
    haninGrid,
    haninPair,
    predictions: [...new Set(o.predictions)].sort(),
    onProgress: o.onProgress,
  };
}

function cellOf(option: string, c: unknown): HaninCell {
  if (c === null || typeof c !== 'object') throw new OptionsError(option, c, 'a { width, depth } object');
  const { width, depth } = c as HaninCell;
  return { width: checkInteger(`${option}.width`, width, 1), depth: checkInteger(`${option}.depth`, depth, 2) };
}
