import { lstatSync, openSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FolderFormatError } from '../errors.js';

// What is at a path the folder module is about to read, write or remove, seen without following links
// (lstat): a folder on disk is untrusted input, and a link or a FIFO planted in it must never make a job
// write, truncate or wait outside --out.

/** What lstat finds at a path: nothing, a regular file, a folder, or something else (a link, a FIFO, a device, a socket). */
export type EntryKind = 'none' | 'file' | 'dir' | 'link' | 'other';

/** The kind of entry at `path`, never following a link. */
export function entryKind(path: string): EntryKind {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'none';
    throw e;
  }
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'dir';
  return stat.isSymbolicLink() ? 'link' : 'other';
}

const WHAT: Record<Exclude<EntryKind, 'none'>, string> = {
  file: 'a file',
  dir: 'a folder',
  link: 'a symbolic link',
  other: 'a special file (a FIFO, a device or a socket)',
};

/** `a symbolic link`, `a folder`, ...: what an entry is, for messages. */
export function describeEntry(kind: Exclude<EntryKind, 'none'>): string {
  return WHAT[kind];
}

/**
 * Throws FolderFormatError unless `path` is absent or of kind `want` (a regular file, or a real folder):
 * a link, a FIFO or a folder where a file belongs was not written by resnet. `advice` says what to do;
 * `allowed` kinds are returned instead (the caller removes them).
 */
export function checkEntry(
  folder: string,
  path: string,
  want: 'file' | 'dir',
  advice: string,
  allowed: readonly EntryKind[] = [],
): EntryKind {
  const kind = entryKind(path);
  if (kind === 'none' || kind === want || allowed.includes(kind)) return kind;
  throw new FolderFormatError(
    folder,
    `${path} is ${describeEntry(kind)}, not ${describeEntry(want)}: resnet never makes one there, so nothing in ${folder} was changed. ${advice}`,
  );
}

/**
 * Opens a new file for writing at `path` (fd): whatever is there first is removed (a link itself, never
 * its target), then the file is created exclusively, so a link planted at the name cannot redirect it.
 */
export function createFresh(path: string): number {
  clearForNew(path);
  return openSync(path, 'wx');
}

/** createFresh as a FileHandle. */
export async function openFresh(path: string): Promise<FileHandle> {
  clearForNew(path);
  return open(path, 'wx');
}

function clearForNew(path: string): void {
  if (entryKind(path) === 'dir')
    throw new FolderFormatError(
      dirname(path),
      `${path} is a folder where resnet writes a file; nothing was changed. Remove it, or choose another folder.`,
    );
  rmSync(path, { force: true });
}
