import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMismatchError, SweepError } from '../errors.js';
import { fsyncDir } from './atomic.js';
import { identityDifferences, readManifest, type Manifest, type SweepIdentity } from './manifest.js';
import { CELL_FILES, CELL_STATS, MANIFEST_JSON, PART_SUFFIX, RESUME_CONFIG, RESUME_DIR, SUMMARY_CSV } from './names.js';
import { verifyFiles } from './verify.js';

/** What an output folder holds for a sweep: this sweep complete, a resumable state, nothing yet, or a damaged finished sweep (now cleared). */
export type FolderState =
  | { kind: 'complete'; manifest: Manifest }
  | { kind: 'resume' }
  | { kind: 'fresh'; repaired: string[] };

/**
 * Inspects an existing output folder (the caller holds its lock): a finished sweep of this identity
 * whose published files match the manifest (size and crc32) is complete (a leftover `.resume/` from a
 * kill after the manifest was written is removed); one whose files do not is cleared to be recomputed;
 * another identity or format is refused.
 */
export function inspectFolder(out: string, id: SweepIdentity): FolderState {
  const manifest = readManifest(out);
  const resuming = existsSync(join(out, RESUME_DIR, RESUME_CONFIG));
  if (manifest) {
    const diff = identityDifferences(manifest, id);
    if (diff.length) throw new ConfigMismatchError(out, diff);
    const problems = verifyFiles(out, manifest);
    if (problems.length === 0) {
      if (existsSync(join(out, RESUME_DIR))) rmSync(join(out, RESUME_DIR), { recursive: true, force: true });
      return { kind: 'complete', manifest };
    }
    // The manifest goes first: a folder without it is never taken for complete.
    rmSync(join(out, MANIFEST_JSON));
    fsyncDir(out);
    if (resuming) return { kind: 'resume' }; // killed while publishing: the resume state finishes it
    for (const name of Object.keys(manifest.files ?? {})) rmSync(join(out, name), { force: true });
    return { kind: 'fresh', repaired: problems };
  }
  if (!resuming && outputNames(id).some((name) => existsSync(join(out, name)))) {
    throw new SweepError(
      `${out} holds sweep results but no manifest.json, so it is not a sweep this version can resume. Choose another --out folder.`,
    );
  }
  return resuming ? { kind: 'resume' } : { kind: 'fresh', repaired: [] };
}

/** Bytes the folder's resume state already holds (counted against the disk estimate). */
export function resumeBytes(out: string, id: SweepIdentity): number {
  let bytes = 0;
  for (const name of outputNames(id)) {
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

/** The published files of a sweep of these formats (manifest.json aside). */
export function outputNames(id: Pick<SweepIdentity, 'formats'>): string[] {
  return [...id.formats.map((f) => CELL_FILES[f]), CELL_STATS, SUMMARY_CSV];
}
