import { checkFileNames } from '../folder/manifest.js';
import type { FolderIdentity, ManifestBase } from '../folder/format.js';
import { verifyFiles } from '../folder/verify.js';
import { manifestCountProblems } from './counts.js';
import type { JobKind } from './job.js';

/** Which files a reader checks how: `streamed` by its own reader as it reads them, `crcOf` whole here. */
export interface ReadCheck {
  /** Files the reader checks itself, size and crc32, on the bytes it reads (readCells' and readRuns' `expect`). */
  streamed: readonly string[];
  /** Files whose crc32 is checked here (small ones the reader uses); the others listed get a size check. */
  crcOf: readonly string[];
}

/**
 * What a reader (a report) checks of a finished folder before it draws anything, one line per problem
 * (empty when the manifest vouches for what is read): the names it lists (a foreign name throws
 * FolderFormatError), the counts its grid and shard give, every other listed file a regular file of its
 * size, and the crc32 of those in `crcOf`. The streamed files are left to their reader, so no file is read
 * twice, and a file the reader does not use (the other rows format) is not read at all.
 */
export function folderProblems<Id extends FolderIdentity, M extends Id & ManifestBase>(
  kind: JobKind<Id, M>,
  dir: string,
  manifest: M,
  check: ReadCheck,
): string[] {
  checkFileNames(dir, kind.folder, manifest.files);
  const listed = Object.keys(manifest.files ?? {}).filter((name) => !check.streamed.includes(name));
  const files = Object.fromEntries(listed.map((name) => [name, manifest.files[name]!]));
  const unlisted = check.streamed.filter((name) => !Object.hasOwn(manifest.files ?? {}, name));
  return [
    ...unlisted.map((name) => `it lists no ${name} (with its size and crc32), the file to be read`),
    ...manifestCountProblems(kind, manifest).problems,
    ...(listed.length
      ? verifyFiles(
          dir,
          { files },
          listed.filter((name) => !check.crcOf.includes(name)),
        )
      : []),
  ];
}
