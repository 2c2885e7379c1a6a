import type { FolderFormat, ManifestBase } from './format.js';
import { MANIFEST_JSON } from './names.js';

/** What a folder's grid and shard give: its rows (cells, runs) and its unit range of the grid's units. */
export interface FolderCounts {
  rows: number;
  blocks: { count: number; first: number; last: number };
}

/**
 * Where a manifest's counts differ from those its grid and shard give, one line each (empty when they
 * agree). The one verdict on an edited `cellCount`, `runCount` or `blocks`: a rerun repairs such a
 * folder, merge and the reports refuse it, all through this check.
 */
export function countProblems<M extends ManifestBase>(
  format: Pick<FolderFormat, 'words'> & { rows(manifest: M): unknown },
  manifest: M,
  want: FolderCounts,
): string[] {
  const problems: string[] = [];
  const said = format.rows(manifest);
  const { items } = format.words;
  if (said !== want.rows)
    problems.push(`${MANIFEST_JSON} says ${JSON.stringify(said)} ${items}, but its grid and shard hold ${want.rows}`);
  const b = manifest.blocks as Partial<FolderCounts['blocks']> | undefined;
  if (b?.count !== want.blocks.count || b?.first !== want.blocks.first || b?.last !== want.blocks.last)
    problems.push(
      `${MANIFEST_JSON} says blocks ${JSON.stringify(b ?? null)}, but its grid and shard hold units ${want.blocks.first}..${want.blocks.last} of ${want.blocks.count}`,
    );
  return problems;
}
