import { folderProblems, type ReadCheck } from '../job/folderProblems.js';
import type { Manifest } from '../sweepFolder.js';
import { SWEEP_JOB } from '../sweepJob.js';

/**
 * What a reader checks of a finished sweep folder before drawing it (job/folderProblems.ts): the names its
 * manifest lists, the counts its grid and shard give, every file's size, the crc32 of the files in `check.crcOf`
 * (the streamed cells file is left to readCells' `expect`, which checks it as it is read). One line per problem; empty when intact.
 */
export function sweepFolderProblems(dir: string, manifest: unknown, check: ReadCheck): string[] {
  return folderProblems(SWEEP_JOB, dir, manifest as Manifest, check);
}
