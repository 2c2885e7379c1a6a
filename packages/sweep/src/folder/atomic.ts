import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { createFresh } from './entries.js';

/** Writes all of bytes at `position` (or the file's current position when null). */
export function writeFully(fd: number, bytes: Uint8Array, position: number | null = null): void {
  for (let at = 0; at < bytes.length; )
    at += writeSync(fd, bytes, at, bytes.length - at, position === null ? null : position + at);
}

/** fsyncs a folder so a rename or a new file in it survives a power loss (a no-op where folders cannot be opened). */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on a folder: nothing more can be done
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a file through `<path>.tmp`, fsync and a rename, then fsyncs the folder: readers see the
 * old file or the whole new one, also after a power loss. The tmp file is removed if anything fails
 * (and created afresh, so a link planted at its name is replaced, never written through).
 */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  try {
    const fd = createFresh(tmp); // never through a link planted at the tmp name
    try {
      writeFully(fd, typeof data === 'string' ? Buffer.from(data) : data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  fsyncDir(dirname(path));
}
