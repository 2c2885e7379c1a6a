import { accessSync, constants, mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { GridError } from '../errors.js';

/** What checkOutDir found: whether the folder exists, and the nearest existing folder at or above it. */
export interface OutDirCheck {
  exists: boolean;
  /** The folder itself when it exists, else its nearest existing ancestor (where statfs can ask for free space). */
  existing: string;
  /** Folders to create, outermost first. */
  missing: string[];
}

/**
 * Checks that `dir` (absolute) is a folder or can be made one, without creating anything: an
 * existing file on the path, a read-only or special ancestor (/proc) is a GridError naming `option`.
 */
export function checkOutDir(dir: string, option = '--out'): OutDirCheck {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const kind = statKind(at);
    if (kind === 'dir') break;
    if (kind === 'other') {
      throw new GridError(
        option,
        dir,
        'a folder path',
        at === dir ? `${dir} exists and is not a folder.` : `${at} is a file, so no folder can be made below it.`,
      );
    }
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) throw new GridError(option, dir, 'a folder path on an existing file system');
    at = up;
  }
  try {
    accessSync(at, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new GridError(
      option,
      dir,
      'a folder this process may write',
      `${at} is not writable (${(e as NodeJS.ErrnoException).code}).`,
    );
  }
  return { exists: missing.length === 0, existing: at, missing };
}

/** Creates the missing folders of a check one level at a time (never a recursive mkdir, which loops on /proc); errors name `option`. */
export function makeOutDir(dir: string, check: OutDirCheck, option = '--out'): void {
  for (const level of check.missing) {
    try {
      mkdirSync(level);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && statKind(level) === 'dir') continue;
      throw new GridError(
        option,
        dir,
        'a folder path that can be created',
        `Creating ${level} failed: ${code ?? (e as Error).message}.`,
      );
    }
  }
}

function statKind(path: string): 'dir' | 'other' | 'none' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // ENOTDIR: some ancestor is a file; walking up finds it and names it.
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw new GridError(
      '--out',
      path,
      'a folder path this process may read',
      `${path}: ${code ?? (e as Error).message}.`,
    );
  }
}

/** Removes the folders checkOutDir found missing and makeOutDir created (innermost first), if still empty. */
export function removeCreated(check: OutDirCheck): void {
  for (const level of [...check.missing].reverse()) {
    try {
      rmdirSync(level);
    } catch {
      return;
    }
  }
}
