import { DuplicateCellsError, IncompleteError } from './errors.js';
import type { GridLayout } from './layout.js';
import type { Manifest } from './manifest.js';

/** A complete sweep folder given to merge. */
export interface MergeInput {
  dir: string;
  manifest: Manifest;
  layout: GridLayout;
}

/** Throws unless the inputs' shards hold every cell of the grid exactly once. */
export function checkCoverage(grid: GridLayout, inputs: readonly MergeInput[]): void {
  let missing = 0;
  let firstMissing = -1;
  let duplicated = 0;
  let firstDuplicate: [number, number, number] | null = null;
  for (let k = 0; k < grid.gridCellCount; k++) {
    let owner = -1;
    for (let i = 0; i < inputs.length; i++) {
      const l = inputs[i]!.layout;
      if (k % l.shardCount !== l.shardRest) continue;
      if (owner < 0) owner = i;
      else {
        duplicated++;
        firstDuplicate ??= [k, owner, i];
        break;
      }
    }
    if (owner < 0 && missing++ === 0) firstMissing = k;
  }
  const given = inputs.map((i) => `${shardName(i)} (${i.dir})`).join(', ');
  if (firstDuplicate) {
    const [k, a, b] = firstDuplicate;
    throw new DuplicateCellsError(
      `${duplicated} cells would be merged twice, e.g. ${cellName(grid, k)} is in both ${inputs[a]!.dir} (${shardName(inputs[a]!)}) ` +
        `and ${inputs[b]!.dir} (${shardName(inputs[b]!)}). Give each shard once. Folders given: ${given}.`,
    );
  }
  if (missing) {
    throw new IncompleteError(
      `${missing} of ${grid.gridCellCount} cells are missing, e.g. ${cellName(grid, firstMissing)}.${missingShards(inputs)} Folders given: ${given}.`,
    );
  }
}

function shardName(i: MergeInput): string {
  return i.manifest.shard ? `shard ${i.manifest.shard.index}/${i.manifest.shard.count}` : 'whole grid';
}

function cellName(l: GridLayout, k: number): string {
  const g = Math.floor(k / l.seedCount);
  return `arch=${l.groupArch[g]} depth=${l.groupDepth[g]} seed=${l.grid.seeds.start + (k % l.seedCount)} (cell k=${k})`;
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
