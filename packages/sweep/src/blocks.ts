// Blocks: the grid cut into contiguous ranges of the canonical cell index k (k = seedIdx * G + g,
// seed-major), by the grid alone. A block is one worker task, one byte range of each output file,
// one Parquet row group and one resume unit.

/** Cells a block holds at most. */
export const MAX_BLOCK_CELLS = 1024;
/** Blocks a grid is cut into at least, when it has the cells for it (load balance over threads). */
export const TARGET_BLOCKS = 64;

/** How a grid is cut: whole seeds per block, or each seed cut into the same pieces of groups. */
export interface BlockPlan {
  /** Number of blocks. */
  count: number;
  groupCount: number;
  seedCount: number;
  /** Seeds per block (>= 1) when blocks hold whole seeds, else 0. */
  seedsPerBlock: number;
  /** With seedsPerBlock 0: the first group of each piece of a seed, then groupCount. */
  pieceStarts: number[];
}

/** Cuts a grid of `cost.length` groups (cost[g]: relative cost of one cell of group g, > 0) and `seeds` seeds into blocks. */
export function planBlocks(cost: readonly number[], seeds: number): BlockPlan {
  const G = cost.length;
  const seedCost = cost.reduce((a, b) => a + b, 0);
  const target = (seedCost * seeds) / TARGET_BLOCKS;
  if (seedCost <= target && G <= MAX_BLOCK_CELLS) {
    const seedsPerBlock = Math.max(1, Math.min(Math.floor(target / seedCost), Math.floor(MAX_BLOCK_CELLS / G)));
    return { count: Math.ceil(seeds / seedsPerBlock), groupCount: G, seedCount: seeds, seedsPerBlock, pieceStarts: [] };
  }
  // A seed is more than a block's share: cut its groups into pieces of about `target` cost and at most MAX_BLOCK_CELLS cells.
  const pieces = Math.max(1, Math.min(G, Math.ceil(seedCost / Math.max(target, 1e-300))));
  const share = seedCost / pieces;
  const pieceStarts = [0];
  let acc = 0;
  for (let g = 0; g < G; g++) {
    const cells = g - pieceStarts[pieceStarts.length - 1]!;
    // Cut before g when g's midpoint lies past the next share boundary (or the piece is full).
    if (g > 0 && (acc + cost[g]! / 2 >= share * pieceStarts.length || cells >= MAX_BLOCK_CELLS)) pieceStarts.push(g);
    acc += cost[g]!;
  }
  pieceStarts.push(G);
  return { count: seeds * (pieceStarts.length - 1), groupCount: G, seedCount: seeds, seedsPerBlock: 0, pieceStarts };
}

/** First canonical cell index of block b (b may be plan.count: the grid's end). */
export function blockStart(p: BlockPlan, b: number): number {
  if (b >= p.count) return p.groupCount * p.seedCount;
  if (p.seedsPerBlock > 0) return b * p.seedsPerBlock * p.groupCount;
  const pieces = p.pieceStarts.length - 1;
  return Math.floor(b / pieces) * p.groupCount + p.pieceStarts[b % pieces]!;
}

/** Blocks [first, last) of shard `index` of `count` (1-based): a contiguous range; shards may be empty. */
export function shardBlocks(blocks: number, index: number, count: number): { first: number; last: number } {
  return { first: Math.floor(((index - 1) * blocks) / count), last: Math.floor((index * blocks) / count) };
}
