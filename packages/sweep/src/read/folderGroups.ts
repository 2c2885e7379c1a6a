import type { Arch } from '@resnet/core';
import { variantLabel } from '../axisColumns.js';
import type { ManifestGrid } from '../sweepFolder.js';
import { createLayout, groupOf, seedIdxOf } from '../layout.js';
import type { Shard } from '../shard.js';

/** One group of a sweep grid: an (arch, variant, depth) triple, as the layout orders them. */
export interface FolderGroup {
  arch: Arch;
  /** The depth value in the grid's depth unit (the report's and summary.csv's `depth`). */
  depth: number;
  /** The variant's label (variantLabel of its axis values; '' without axes, or where no axis applies). */
  variant: string;
  /** Cells of the group in the folder. */
  cells: number;
}

/** Where each cell of a sweep folder sits in its grid, from the manifest alone (the layout: no cell is read). */
export interface FolderGroups {
  groups: FolderGroup[];
  /** Cells in the folder (the shard's range of the grid). */
  cellCount: number;
  /** Group index of the folder's i-th cell (0-based, file order). */
  groupOf(i: number): number;
  /** Seed of the folder's i-th cell. */
  seedOf(i: number): number;
}

/** The groups of a sweep folder's grid (manifest.json's `grid` and `shard`) and the group and seed of each cell. */
export function folderGroups(grid: ManifestGrid, shard: Shard | null): FolderGroups {
  const { archs, depths, seeds, width, inputSize, axes } = grid;
  const l = createLayout({ archs: archs as Arch[], depths, seeds, width, inputSize, shard, ...(axes ? { axes } : {}) });
  const groups = l.groupArch.map((arch, g) => ({
    arch,
    depth: l.groupCells[g]!.gridDepth,
    variant: l.grid.axes ? variantLabel(l.groupCells[g]!.values, l.grid.axes) : '',
    cells: 0,
  }));
  for (let k = l.firstCell; k < l.lastCell && k < l.firstCell + l.groupCount; k++)
    groups[groupOf(l, k)]!.cells = cellsOfGroup(l.firstCell, l.lastCell, l.groupCount, groupOf(l, k));
  return {
    groups,
    cellCount: l.cellCount,
    groupOf: (i) => groupOf(l, l.firstCell + i),
    seedOf: (i) => l.grid.seeds.start + seedIdxOf(l, l.firstCell + i),
  };
}

/** Cells k in [first, last) with k mod G = g. */
function cellsOfGroup(first: number, last: number, G: number, g: number): number {
  const count = (end: number) => Math.floor(end / G) + (end % G > g ? 1 : 0);
  return count(last) - count(first);
}
