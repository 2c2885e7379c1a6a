import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMismatchError, SweepError } from '../errors.js';
import { fsyncDir } from './atomic.js';
import type { FolderFormat, FolderIdentity, ManifestBase } from './format.js';
import { readFolderManifest } from './manifest.js';
import { MANIFEST_JSON, PART_SUFFIX, RESUME_CONFIG, RESUME_DIR } from './names.js';
import { verifyFiles } from './verify.js';
import { countProblems, type FolderCounts } from './counts.js';
import { checkEntry } from './entries.js';

/** What an output folder holds for a job: it complete, a resumable state, nothing yet, or a damaged finished one (now cleared). */
export type FolderState<M> =
  | { kind: 'complete'; manifest: M }
  | { kind: 'resume' }
  | { kind: 'fresh'; repaired: string[] };

/**
 * Inspects an existing output folder (the caller holds its lock): a finished folder of this identity
 * whose published files match the manifest (size and crc32) is complete (a leftover `.resume/` from a
 * kill after the manifest was written is removed); one whose files do not is cleared to be recomputed
 * (or, with a resume state, finished by it), as is one whose counts are not those its grid and shard
 * give (`counts`); another identity or format is refused.
 */
export function inspectFolder<Id extends FolderIdentity, M extends Id & ManifestBase>(
  out: string,
  format: FolderFormat<Id, M>,
  id: Id,
  counts: FolderCounts,
): FolderState<M> {
  const manifest = readFolderManifest(out, format);
  const resuming = existsSync(join(out, RESUME_DIR, RESUME_CONFIG));
  if (manifest) {
    const diff = format.differences(manifest, id);
    if (diff.length) throw new ConfigMismatchError(out, diff);
    // Counts that are not the grid's (an edited cellCount) make the folder damaged, as merge and the reports say.
    const problems = [...countProblems(format, manifest, counts), ...verifyFiles(out, manifest)];
    if (problems.length === 0) {
      if (existsSync(join(out, RESUME_DIR))) rmSync(join(out, RESUME_DIR), { recursive: true, force: true });
      return { kind: 'complete', manifest };
    }
    // The manifest goes first: a folder without it is never taken for complete.
    rmSync(join(out, MANIFEST_JSON));
    fsyncDir(out);
    if (resuming) return { kind: 'resume' }; // killed while publishing: the resume state finishes it
    // readFolderManifest checked every name against the format's files, and a link is removed itself (never
    // its target): nothing outside --out is removed.
    for (const name of Object.keys(manifest.files ?? {})) {
      const path = join(out, name);
      checkEntry(out, path, 'file', 'Remove it, or choose another --out folder.', ['link', 'other']);
      rmSync(path, { force: true });
    }
    return { kind: 'fresh', repaired: problems };
  }
  if (!resuming && format.outputs(id.formats).some((name) => existsSync(join(out, name)))) {
    const kind = format.words.kind;
    throw new SweepError(
      `${out} holds ${kind} results but no manifest.json, so it is not a ${kind} this version can resume. Choose another --out folder.`,
    );
  }
  return resuming ? { kind: 'resume' } : { kind: 'fresh', repaired: [] };
}

/** Bytes the folder's resume state and published files already hold (counted against the disk estimate). */
export function resumeBytes(out: string, names: readonly string[]): number {
  let bytes = 0;
  for (const name of names) {
    for (const path of [join(out, RESUME_DIR, name + PART_SUFFIX), join(out, name)]) {
      try {
        bytes += statSync(path).size;
      } catch {
        // absent
      }
    }
  }
  return bytes;
}
