import { cellLayout, cellNormalCount, resolveNetworkConfig, type Arch, type CellLayout } from '@resnet/core';
import { blockStart, planBlocks, shardBlocks, type BlockPlan } from './blocks.js';
import type { GridSpec } from './types.js';

// The only file that knows cell indices. A group g is one (arch, depth) pair, g = archIdx * depths +
// depthIdx (G groups). The canonical cell index is seed-major: k = seedIdx * G + g. The grid is cut
// into blocks (blocks.ts); a shard holds a contiguous range of blocks, so its cells are the
// contiguous range [firstCell, lastCell) of k, and a cell's index in the shard is k - firstCell.

/** Groups, blocks and the shard's range of one grid. */
export interface GridLayout {
  grid: GridSpec;
  groupCount: number;
  seedCount: number;
  groupArch: Arch[];
  groupDepth: number[];
  /** Core's record layout of each group. */
  records: CellLayout[];
  /** Normal draws each group's cells read from their seed's stream. */
  normals: number[];
  plan: BlockPlan;
  /** Blocks [firstBlock, lastBlock) of this folder (the shard's, or every block). */
  firstBlock: number;
  lastBlock: number;
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
  const groupArch: Arch[] = [];
  const groupDepth: number[] = [];
  const records: CellLayout[] = [];
  const normals: number[] = [];
  for (const arch of grid.archs) {
    for (const depth of grid.depths) {
      const config = resolveNetworkConfig({ arch, depth, width: grid.width, inputSize: grid.inputSize });
      groupArch.push(arch);
      groupDepth.push(depth);
      records.push(cellLayout(config));
      normals.push(cellNormalCount(config));
    }
  }
  const G = groupArch.length;
  const S = grid.seeds.count;
  const plan = planBlocks(normals, S);
  const { first, last } = grid.shard ? shardBlocks(plan.count, grid.shard.index, grid.shard.count) : { first: 0, last: plan.count };
  const firstCell = blockStart(plan, first);
  const lastCell = blockStart(plan, last);
  return {
    grid,
    groupCount: G,
    seedCount: S,
    groupArch,
    groupDepth,
    records,
    normals,
    plan,
    firstBlock: first,
    lastBlock: last,
    firstCell,
    lastCell,
    cellCount: lastCell - firstCell,
    gridCellCount: G * S,
    maxRecordLength: Math.max(...records.map((r) => r.length)),
    maxNormals: Math.max(...normals),
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

/** Canonical cells [start, end) of block b. */
export function blockCells(l: GridLayout, b: number): [number, number] {
  return [blockStart(l.plan, b), blockStart(l.plan, b + 1)];
}

/** Cell coordinates of canonical cell k, for messages. */
export function cellCoordinates(l: GridLayout, k: number): { arch: string; depth: number; seed: number } {
  const g = groupOf(l, k);
  return { arch: l.groupArch[g]!, depth: l.groupDepth[g]!, seed: l.grid.seeds.start + seedIdxOf(l, k) };
}
