import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMismatchError, SweepError } from '../errors.js';
import { fsyncDir } from '../folder/atomic.js';
import { FolderFormatError, readJson, type Manifest } from '../folder/manifest.js';
import { MANIFEST_JSON, RESUME_CONFIG, RESUME_DIR } from '../folder/names.js';
import { verifyFiles } from '../folder/verify.js';
import { trainDifferences, type TrainIdentity, type TrainManifest } from './identity.js';
import { TRAIN_FILES, TRAIN_FORMAT } from './names.js';

/** What an output folder holds for a training sweep: complete, resumable, or nothing yet (a damaged finished one is cleared). */
export type TrainFolderState =
  | { kind: 'complete'; manifest: TrainManifest }
  | { kind: 'resume' }
  | { kind: 'fresh'; repaired: string[] };

/** Reads manifest.json of a training folder: null when there is none; refuses any other format. */
export function readTrainManifest(folder: string): TrainManifest | null {
  const path = join(folder, MANIFEST_JSON);
  if (!existsSync(path)) return null;
  const manifest = readJson(path) as TrainManifest;
  if (manifest?.format !== TRAIN_FORMAT) {
    throw new FolderFormatError(
      folder,
      `${folder} is not a training folder this version can use (format ${JSON.stringify(manifest?.format)}, expected ${TRAIN_FORMAT}). Choose another folder.`,
    );
  }
  return manifest;
}

/**
 * Inspects an output folder (the caller holds its lock), as a sweep's: a finished folder of this
 * identity whose files match its manifest is complete; one whose files do not is cleared (or, with a
 * resume state, finished by it); another identity or format is refused.
 */
export function inspectTrainFolder(out: string, id: TrainIdentity): TrainFolderState {
  const manifest = readTrainManifest(out);
  const resuming = existsSync(join(out, RESUME_DIR, RESUME_CONFIG));
  if (manifest) {
    const diff = trainDifferences(manifest, id);
    if (diff.length) throw new ConfigMismatchError(out, diff);
    const problems = verifyFiles(out, manifest as unknown as Manifest);
    if (problems.length === 0) {
      if (existsSync(join(out, RESUME_DIR))) rmSync(join(out, RESUME_DIR), { recursive: true, force: true });
      return { kind: 'complete', manifest };
    }
    rmSync(join(out, MANIFEST_JSON));
    fsyncDir(out);
    if (resuming) return { kind: 'resume' };
    for (const name of Object.keys(manifest.files ?? {})) rmSync(join(out, name), { force: true });
    return { kind: 'fresh', repaired: problems };
  }
  if (!resuming && TRAIN_FILES.some((name) => existsSync(join(out, name)))) {
    throw new SweepError(
      `${out} holds training results but no manifest.json, so it is not a training folder this version can resume. Choose another --out folder.`,
    );
  }
  return resuming ? { kind: 'resume' } : { kind: 'fresh', repaired: [] };
}
