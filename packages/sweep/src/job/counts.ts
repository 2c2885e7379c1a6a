import { countProblems, type FolderCounts } from '../folder/counts.js';
import type { FolderIdentity, ManifestBase } from '../folder/format.js';
import type { JobFiles, JobKind, UnitPlan } from './job.js';

/** The rows and unit range of a folder of these units (its grid's and shard's). */
export function folderCounts(units: Pick<UnitPlan, 'count' | 'first' | 'last' | 'start'>): FolderCounts {
  return {
    rows: units.start(units.last) - units.start(units.first),
    blocks: { count: units.count, first: units.first, last: units.last },
  };
}

/**
 * Where a finished folder's manifest counts differ from those of its own grid and shard (read back from the
 * manifest's identity), one line each: merge and the reports refuse such a folder, a rerun repairs it.
 */
export function manifestCountProblems<Id extends FolderIdentity, M extends Id & ManifestBase>(
  kind: JobKind<Id, M>,
  manifest: M,
): { problems: string[]; files: JobFiles } {
  const files = kind.files(kind.folder.identity(manifest));
  return { problems: countProblems(kind.folder, manifest, folderCounts(files.units)), files };
}
