import { blockStart } from './blocks.js';
import { DuplicateCellsError, IncompleteError } from './errors.js';
import type { Manifest } from './folder/manifest.js';
import { cellCoordinates, type GridLayout } from './layout.js';

/** A complete sweep folder given to merge. */
export interface MergeInput {
  dir: string;
  manifest: Manifest;
  layout: GridLayout;
}

/**
 * Orders the inputs by their block ranges and throws unless they hold every block of the grid exactly
 * once (shards are contiguous block ranges, so merging is concatenation in this order).
 */
export function orderByCoverage(grid: GridLayout, inputs: readonly MergeInput[]): MergeInput[] {
  const sorted = [...inputs].sort(
    (a, b) => a.layout.firstBlock - b.layout.firstBlock || a.layout.lastBlock - b.layout.lastBlock,
  );
  const cell = (b: number) => blockStart(grid.plan, b);
  let pos = 0;
  let owner: MergeInput | null = null;
  let missing = 0;
  let firstMissing = -1;
  let duplicated = 0;
  let firstDuplicate: [number, MergeInput, MergeInput] | null = null;
  for (const input of sorted) {
    const { firstBlock: first, lastBlock: last } = input.layout;
    if (first === last) continue; // an empty shard holds no cell
    if (first > pos) {
      if (missing === 0) firstMissing = cell(pos);
      missing += cell(first) - cell(pos);
    } else if (first < pos) {
      duplicated += cell(Math.min(pos, last)) - cell(first);
      firstDuplicate ??= [cell(first), owner!, input];
    }
    if (last > pos) {
      pos = last;
      owner = input;
    }
  }
  if (pos < grid.plan.count) {
    if (missing === 0) firstMissing = cell(pos);
    missing += grid.gridCellCount - cell(pos);
  }
  const given = inputs.map((i) => `${shardName(i)} (${i.dir})`).join(', ');
  if (firstDuplicate) {
    const [k, a, b] = firstDuplicate;
    throw new DuplicateCellsError(
      `${duplicated} cells would be merged twice, e.g. ${cellName(grid, k)} is in both ${a.dir} (${shardName(a)}) and ${b.dir} (${shardName(b)}). ` +
        `Give each shard once. Folders given: ${given}.`,
    );
  }
  if (missing)
    throw new IncompleteError(
      `${missing} of ${grid.gridCellCount} cells are missing, e.g. ${cellName(grid, firstMissing)}.${missingShards(inputs)} Folders given: ${given}.`,
    );
  return sorted.filter((i) => i.layout.firstBlock < i.layout.lastBlock);
}

function shardName(i: MergeInput): string {
  return i.manifest.shard ? `shard ${i.manifest.shard.index}/${i.manifest.shard.count}` : 'whole grid';
}

function cellName(l: GridLayout, k: number): string {
  const c = cellCoordinates(l, k);
  return `arch=${c.arch}${c.variant ? ` (${c.variant})` : ''} depth=${c.depth} seed=${c.seed} (cell k=${k})`;
}

/** " Missing shards: 3/4." when every input is a shard of the same count. */
function missingShards(inputs: readonly MergeInput[]): string {
  const n = inputs[0]!.manifest.shard?.count;
  if (n === undefined || inputs.some((i) => i.manifest.shard?.count !== n)) return '';
  const have = new Set(inputs.map((i) => i.manifest.shard!.index));
  const lacking: string[] = [];
  for (let i = 1; i <= n; i++) if (!have.has(i)) lacking.push(`${i}/${n}`);
  return ` Missing shards: ${lacking.join(', ')}; add their folders.`;
}
