import { folderProblems, type ReadCheck } from '../job/folderProblems.js';
import type { TrainManifest } from './trainFolder.js';
import { TRAIN_JOB } from './trainJob.js';

/**
 * What a reader checks of a finished training folder before drawing it (job/folderProblems.ts): the names
 * its manifest lists, the counts its grid and shard give, every file's size, the crc32 of the files in
 * `check.crcOf` (the streamed runs file is left to readRuns' `files`, which checks it as it is read). One line per problem.
 */
export function trainFolderProblems(dir: string, manifest: TrainManifest, check: ReadCheck): string[] {
  return folderProblems(TRAIN_JOB, dir, manifest, check);
}
