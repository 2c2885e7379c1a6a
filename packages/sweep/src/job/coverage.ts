import { DuplicateCellsError, IncompleteError } from '../errors.js';
import type { FolderWords, ManifestBase } from '../folder/format.js';
import type { Shard } from '../shard.js';
import type { JobFiles } from './job.js';

/** A complete folder given to merge, with the units it holds by its grid and shard. */
export interface MergeInput<M extends ManifestBase & { shard: Shard | null }> {
  dir: string;
  manifest: M;
  first: number;
  last: number;
}

/**
 * Orders the inputs by their unit ranges and throws unless they hold every unit of the grid exactly
 * once (shards are contiguous unit ranges, so merging is concatenation in this order); messages name
 * a row missing or given twice, the shards missing and the folders given. Empty shards are dropped.
 */
export function orderByCoverage<M extends ManifestBase & { shard: Shard | null }>(
  files: Pick<JobFiles, 'units' | 'describeRow'>,
  words: FolderWords,
  inputs: readonly MergeInput<M>[],
): MergeInput<M>[] {
  const { units } = files;
  const sorted = [...inputs].sort((a, b) => a.first - b.first || a.last - b.last);
  const row = (u: number) => units.start(u);
  let pos = 0;
  let owner: MergeInput<M> | null = null;
  let missing = 0;
  let firstMissing = -1;
  let duplicated = 0;
  let firstDuplicate: [number, MergeInput<M>, MergeInput<M>] | null = null;
  for (const input of sorted) {
    const { first, last } = input;
    if (first === last) continue; // an empty shard holds no row
    if (first > pos) {
      if (missing === 0) firstMissing = row(pos);
      missing += row(first) - row(pos);
    } else if (first < pos) {
      duplicated += row(Math.min(pos, last)) - row(first);
      firstDuplicate ??= [row(first), owner!, input];
    }
    if (last > pos) {
      pos = last;
      owner = input;
    }
  }
  if (pos < units.count) {
    if (missing === 0) firstMissing = row(pos);
    missing += row(units.count) - row(pos);
  }
  const given = inputs.map((i) => `${shardName(i)} (${i.dir})`).join(', ');
  const { items } = words;
  if (firstDuplicate) {
    const [k, a, b] = firstDuplicate;
    throw new DuplicateCellsError(
      `${duplicated} ${items} would be merged twice, e.g. ${files.describeRow(k)} is in both ${a.dir} (${shardName(a)}) and ${b.dir} (${shardName(b)}). ` +
        `Give each shard once. Folders given: ${given}.`,
    );
  }
  if (missing)
    throw new IncompleteError(
      `${missing} of ${row(units.count)} ${items} are missing, e.g. ${files.describeRow(firstMissing)}.${missingShards(inputs)} Folders given: ${given}.`,
    );
  return sorted.filter((i) => i.first < i.last);
}

function shardName(i: MergeInput<{ shard: Shard | null } & ManifestBase>): string {
  return i.manifest.shard ? `shard ${i.manifest.shard.index}/${i.manifest.shard.count}` : 'whole grid';
}

/** " Missing shards: 3/4." when every input is a shard of the same count. */
function missingShards(inputs: readonly MergeInput<{ shard: Shard | null } & ManifestBase>[]): string {
  const n = inputs[0]!.manifest.shard?.count;
  if (n === undefined || inputs.some((i) => i.manifest.shard?.count !== n)) return '';
  const have = new Set(inputs.map((i) => i.manifest.shard!.index));
  const lacking: string[] = [];
  for (let i = 1; i <= n; i++) if (!have.has(i)) lacking.push(`${i}/${n}`);
  return ` Missing shards: ${lacking.join(', ')}; add their folders.`;
}
