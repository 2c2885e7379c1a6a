// Units of work of a gradient sweep: the grid cut into contiguous ranges of the canonical cell index k
// (k = seedIdx * G + g, seed-major), by the grid alone. A unit is one worker task, one byte range of
// each output file, one Parquet row group and one resume entry (manifest.json and the journal keep
// format 2's name for it: `blocks`, `block`).

/** Cells a unit holds at most. */
export const MAX_UNIT_CELLS = 1024;
/** Units a grid is cut into at least, when it has the cells for it (load balance over threads). */
export const TARGET_UNITS = 64;

/** How a grid is cut: whole seeds per unit, or each seed cut into the same pieces of groups. */
export interface UnitCut {
  /** Number of units. */
  count: number;
  groupCount: number;
  seedCount: number;
  /** Seeds per unit (>= 1) when units hold whole seeds, else 0. */
  seedsPerUnit: number;
  /** With seedsPerUnit 0: the first group of each piece of a seed, then groupCount. */
  pieceStarts: number[];
}

/** Cuts a grid of `cost.length` groups (cost[g]: relative cost of one cell of group g, > 0) and `seeds` seeds into units. */
export function cutUnits(cost: readonly number[], seeds: number): UnitCut {
  const G = cost.length;
  const seedCost = cost.reduce((a, b) => a + b, 0);
  const target = (seedCost * seeds) / TARGET_UNITS;
  if (seedCost <= target && G <= MAX_UNIT_CELLS) {
    const seedsPerUnit = Math.max(1, Math.min(Math.floor(target / seedCost), Math.floor(MAX_UNIT_CELLS / G)));
    return { count: Math.ceil(seeds / seedsPerUnit), groupCount: G, seedCount: seeds, seedsPerUnit, pieceStarts: [] };
  }
  // A seed is more than a unit's share: cut its groups into pieces of about `target` cost and at most MAX_UNIT_CELLS cells.
  const pieces = Math.max(1, Math.min(G, Math.ceil(seedCost / Math.max(target, 1e-300))));
  const share = seedCost / pieces;
  const pieceStarts = [0];
  let acc = 0;
  for (let g = 0; g < G; g++) {
    const cells = g - pieceStarts[pieceStarts.length - 1]!;
    // Cut before g when g's midpoint lies past the next share boundary (or the piece is full).
    if (g > 0 && (acc + cost[g]! / 2 >= share * pieceStarts.length || cells >= MAX_UNIT_CELLS)) pieceStarts.push(g);
    acc += cost[g]!;
  }
  pieceStarts.push(G);
  return { count: seeds * (pieceStarts.length - 1), groupCount: G, seedCount: seeds, seedsPerUnit: 0, pieceStarts };
}

/** First canonical cell index of unit u (u may be cut.count: the grid's end). */
export function unitStart(cut: UnitCut, u: number): number {
  if (u >= cut.count) return cut.groupCount * cut.seedCount;
  if (cut.seedsPerUnit > 0) return u * cut.seedsPerUnit * cut.groupCount;
  const pieces = cut.pieceStarts.length - 1;
  return Math.floor(u / pieces) * cut.groupCount + cut.pieceStarts[u % pieces]!;
}

/** Units [first, last) of shard `index` of `count` (1-based) of a grid's `units`: a contiguous range; shards may be empty. */
export function shardUnits(units: number, index: number, count: number): { first: number; last: number } {
  return { first: Math.floor(((index - 1) * units) / count), last: Math.floor((index * units) / count) };
}
