import { cellLayout, cellNormalCount, maxOf, resolveNetworkConfig, type Arch, type CellLayout } from '@resnet/core';
import { checkGroupCount } from './gridSize.js';
import { variantsFor, variantsOf } from './variants.js';
import { variantLabel } from './axisColumns.js';
import { cutUnits, shardUnits, unitStart, type UnitCut } from './units.js';
import { groupCell, type GroupCell } from './groupCell.js';
import type { GridSpec } from './types.js';

// The only file that knows cell indices. A group g is one (arch, variant, depth) triple: archs in the
// grid's order, each arch's variants (the product of the axes that apply to it, in axis order: a plain
// net leaves out the residual-only axes; a single variant by default), depths ascending (G groups). The
// canonical cell index is seed-major: k = seedIdx * G + g. The grid is cut into units of work (units.ts);
// a shard holds a contiguous range of units, so its cells are the contiguous range [firstCell, lastCell)
// of k, and a cell's index in the shard is k - firstCell.

/** Groups, units of work and the shard's range of one grid. */
export interface GridLayout {
  grid: GridSpec;
  groupCount: number;
  seedCount: number;
  groupArch: Arch[];
  /** The network's depth field of each group (what a cell's `depth` column holds). */
  groupDepth: number[];
  /** Each group's cell (network fields resolved, seed left out) and its axis values. */
  groupCells: GroupCell[];
  /** Variants of the whole product of the axes (a residual net's; a plain net may have fewer, see variantsFor). */
  variantCount: number;
  /** Core's record layout of each group. */
  records: CellLayout[];
  /** Normal draws each group's cells read from their seed's stream. */
  normals: number[];
  cut: UnitCut;
  /** Units [firstUnit, lastUnit) of this folder (the shard's, or every unit). */
  firstUnit: number;
  lastUnit: number;
  /** Canonical index of this folder's first cell and one past its last. */
  firstCell: number;
  lastCell: number;
  /** Cells in this folder. */
  cellCount: number;
  /** Cells of the whole grid. */
  gridCellCount: number;
  maxRecordLength: number;
  maxNormals: number;
  /** Mean metric values per cell over the groups (sizes estimates). */
  meanRecordLength: number;
}

/** Computes the layout of a grid; O(groups). */
export function createLayout(grid: GridSpec): GridLayout {
  // From the counts first: a grid (or a manifest read from disk) too large to lay out is refused before it is.
  checkGroupCount(grid.archs, grid.depths.length, grid.axes);
  const groupArch: Arch[] = [];
  const groupDepth: number[] = [];
  const groupCells: GroupCell[] = [];
  const records: CellLayout[] = [];
  const normals: number[] = [];
  const variants = variantsOf(grid.axes);
  for (const arch of grid.archs) {
    for (const variant of variantsFor(grid.axes, arch)) {
      for (const depth of grid.depths) {
        const cell = groupCell(grid, arch, variant, depth);
        const config = resolveNetworkConfig(cell.spec);
        groupArch.push(arch);
        groupDepth.push(config.depth);
        groupCells.push(cell);
        records.push(cellLayout(config));
        normals.push(cellNormalCount(config, cell.spec.dout, cell.spec.batch));
      }
    }
  }
  const G = groupArch.length;
  const S = grid.seeds.count;
  const cut = cutUnits(normals, S);
  const { first, last } = grid.shard
    ? shardUnits(cut.count, grid.shard.index, grid.shard.count)
    : { first: 0, last: cut.count };
  const firstCell = unitStart(cut, first);
  const lastCell = unitStart(cut, last);
  return {
    grid,
    groupCount: G,
    seedCount: S,
    groupArch,
    groupDepth,
    groupCells,
    variantCount: variants.length,
    records,
    normals,
    cut,
    firstUnit: first,
    lastUnit: last,
    firstCell,
    lastCell,
    cellCount: lastCell - firstCell,
    gridCellCount: G * S,
    maxRecordLength: maxOf(records.map((r) => r.length)),
    maxNormals: maxOf(normals),
    meanRecordLength: records.reduce((a, r) => a + r.length, 0) / G,
  };
}

/** Group of canonical cell k. */
export function groupOf(l: GridLayout, k: number): number {
  return k % l.groupCount;
}

/** Seed index (0-based within the grid's seeds) of canonical cell k. */
export function seedIdxOf(l: GridLayout, k: number): number {
  return Math.floor(k / l.groupCount);
}

/** Canonical cells [start, end) of unit u. */
export function unitCells(l: GridLayout, u: number): [number, number] {
  return [unitStart(l.cut, u), unitStart(l.cut, u + 1)];
}

/** Cell coordinates of canonical cell k, for messages (its variant's label in a grid with axes). */
export function cellCoordinates(
  l: GridLayout,
  k: number,
): { arch: string; depth: number; seed: number; variant?: string } {
  const g = groupOf(l, k);
  const cell = { arch: l.groupArch[g]!, depth: l.groupDepth[g]!, seed: l.grid.seeds.start + seedIdxOf(l, k) };
  const variant = l.grid.axes ? variantLabel(l.groupCells[g]!.values, l.grid.axes) : '';
  return variant ? { ...cell, variant } : cell;
}

/** The folder's work in normals drawn (~ weights): its cells spread evenly over the groups (exact for a whole grid). */
export function folderWork(l: GridLayout): number {
  return (l.cellCount / l.groupCount) * l.normals.reduce((a, b) => a + b, 0);
}
