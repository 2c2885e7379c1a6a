import {
  GridError,
  checkPlainDepth,
  createLayout,
  parseArchs,
  parseAxes,
  parseDepths,
  parseSeeds,
  resolveAxes,
  jobAxes,
  type AxisName,
  type GridLayout,
  type GridSpec,
} from '@resnet/sweep/browser';
import type { GridFlag } from './flags.js';

/** Most cells one page grid may hold (its summary values alone are 40 bytes a cell). */
export const MAX_PAGE_CELLS = 5_000_000;

/** A grid the page can run: the sweep's GridSpec and layout, plus the profile depth and thread count asked for. */
export interface PageGrid {
  grid: GridSpec;
  layout: GridLayout;
  /** The grid depth the layer profile shows (`depth`): the deepest swept depth unless given. */
  profileDepth: number;
  /** Workers asked for (`threads`), or null for one per core. */
  threads: number | null;
}

/** An integer flag as the CLI reads it (`resnet sweep --width 16`): a GridError naming the flag otherwise. */
export function intFlag(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new GridError(
      flag,
      text,
      max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer from ${min} to ${max}`,
    );
  return value;
}

/**
 * The gradient-flow flags as `resnet sweep` reads them (apps/cli sweepFlags.ts, then the grid part of the sweep's
 * resolveSweepOptions): the same parsers, so a link and a command line mean the same grid, and a bad value
 * gets the CLI's message naming its flag.
 */
export function gridFromFlags(flags: Readonly<Record<GridFlag, string>>): PageGrid {
  const text = (f: GridFlag) => (flags[f] === '' ? undefined : flags[f]);
  const width = intFlag('--width', flags.width, 1);
  // Every sweep axis by its declaration: its flag's text under its name, as the CLI's axisTexts gives them.
  const texts: Partial<Record<AxisName | 'depthUnit', string>> = { depthUnit: text('depth-unit') };
  for (const a of jobAxes('sweep')) texts[a.name] = text(a.flag as GridFlag);
  const axes = parseAxes(texts);
  const archs = parseArchs(flags.archs);
  const depths = parseDepths(flags.depths);
  checkPlainDepth(depths[0]!, archs, axes?.depthUnit !== undefined && axes.depthUnit !== 'native');
  // --width sets the input size too; --widths lists hidden widths (the input size stays --width's).
  const widths = axes?.width as number[] | undefined;
  const grid: GridSpec = {
    archs,
    depths,
    seeds: parseSeeds(flags.seeds),
    width: widths ? widths[0]! : width,
    inputSize: width,
    shard: null,
  };
  const resolved = resolveAxes(axes, { width: grid.width });
  if (resolved) grid.axes = resolved;
  const layout = createLayout(grid);
  if (layout.gridCellCount > MAX_PAGE_CELLS) {
    throw new GridError(
      '--seeds',
      flags.seeds,
      `a grid of at most ${MAX_PAGE_CELLS.toLocaleString('en')} cells in the page`,
      `This one has ${layout.gridCellCount.toLocaleString('en')}: run it with resnet sweep.`,
    );
  }
  const profileDepth = flags.depth === '' ? depths.at(-1)! : intFlag('--depth', flags.depth, 1);
  if (!depths.includes(profileDepth))
    throw new GridError('--depth', flags.depth, `one of the swept depths (${flags.depths})`);
  const threads = flags.threads === '' ? null : intFlag('--threads', flags.threads, 1, 64);
  return { grid, layout, profileDepth, threads };
}
