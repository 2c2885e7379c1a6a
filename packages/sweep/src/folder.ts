import { existsSync, mkdirSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMismatchError, GridTooLargeError, SweepError, formatBytes } from './errors.js';
import { recordByteOffset, type GridLayout } from './layout.js';
import { identityDifferences, type Manifest, type SweepIdentity } from './manifest.js';
import { estimateGridDisk } from './memory.js';
import { RESUME_DIR, readManifest } from './staging.js';

/**
 * Creates the output folder or checks what it holds: returns its manifest when it already holds
 * this sweep complete, null when the sweep is to run (fresh or resumed), and throws when it holds
 * another sweep or foreign results.
 */
export function prepareFolder(out: string, id: SweepIdentity): Manifest | null {
  mkdirSync(out, { recursive: true });
  const manifest = readManifest(out);
  const resuming = existsSync(join(out, RESUME_DIR, 'config.json'));
  if (manifest) {
    const diff = identityDifferences(manifest, id);
    if (diff.length) throw new ConfigMismatchError(out, diff);
    if (!resuming && existsSync(join(out, 'cells.jsonl')) && existsSync(join(out, 'summary.csv'))) return manifest;
  } else if (!resuming && existsSync(join(out, 'cells.jsonl'))) {
    throw new SweepError(`${out} holds a cells.jsonl but no manifest.json, so it is not a sweep this version can resume. Choose another --out folder.`);
  }
  return null;
}

/** Refuses to start when the disk lacks room for the rest of the staging file plus cells.jsonl. */
export function checkDisk(out: string, layout: GridLayout, done: number): void {
  const stagingBytes = recordByteOffset(layout, layout.cellCount);
  const need = estimateGridDisk(layout) - stagingBytes * (done / Math.max(1, layout.cellCount));
  let free: number;
  try {
    const fs = statfsSync(out);
    free = fs.bavail * fs.bsize;
  } catch {
    return; // a file system that cannot tell its free space: go ahead
  }
  if (need > free) {
    throw new GridTooLargeError('disk', need, free, `staging records ${formatBytes(stagingBytes)} plus cells.jsonl, in ${out}`);
  }
}
