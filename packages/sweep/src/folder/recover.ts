import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
} from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFully } from './atomic.js';
import { checkEntry, createFresh } from './entries.js';
import { crc, crcHex } from './checksum.js';
import { parseJournal, type JournalEntry } from './journal.js';
import { RESUME_JOURNAL } from './names.js';

// Recovery of a resume state on rerun: the journal's valid prefix, checked against the part files.

/** A partial output file: its published name and the bytes it starts with (Parquet's magic; empty for others). */
export interface PartSpec {
  name: string;
  header: Uint8Array;
}

/** A part file while a sweep runs: where it is, its length and running crc32, its open handle. */
export interface Part extends PartSpec {
  path: string;
  end: number;
  crc: number;
  handle: FileHandle | null;
}

/** Reads the journal, checks every entry's bytes in the part files, and cuts state, parts and journal to the good prefix. */
export function recover(
  out: string,
  dir: string,
  parts: Part[],
  firstUnit: number,
): { entries: JournalEntry[]; journalEnd: number } {
  // The caller checked that the journal and the parts are regular files where they exist.
  const journalPath = join(dir, RESUME_JOURNAL);
  if (!existsSync(journalPath)) writeNew(journalPath, new Uint8Array(0));
  let { entries, lineEnds } = parseJournal(readFileSync(journalPath), firstUnit);
  for (const p of parts) {
    const published = join(out, p.name);
    const kind = checkEntry(out, published, 'file', `Remove it, or choose another --out folder.`, ['link', 'other']);
    // A kill while publishing: the file was already moved out (Parquet with its footer; the cut below drops it).
    // A link or a FIFO at the published name is not ours: it is removed (never followed).
    if (kind === 'file' && !existsSync(p.path)) renameSync(published, p.path);
    else if (kind !== 'none') rmSync(published);
    if (!existsSync(p.path)) writeNew(p.path, p.header);
  }
  let good = entries.length;
  for (const p of parts) good = Math.min(good, checkPart(p, entries.slice(0, good)));
  entries = entries.slice(0, good);
  for (const p of parts) {
    const last = entries[entries.length - 1]?.files[p.name];
    p.end = last ? last.end : p.header.length;
    p.crc = last ? Number.parseInt(last.crc32, 16) : crc(p.header);
    truncate(p.path, p.end);
  }
  const journalEnd = good === 0 ? 0 : lineEnds[good - 1]!;
  truncate(journalPath, journalEnd);
  return { entries, journalEnd };
}

/** Entries of `entries` whose bytes the part file holds intact (counted from the first; the header must match too). */
function checkPart(p: Part, entries: readonly JournalEntry[]): number {
  const fd = openSync(p.path, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(p.header.length);
    if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.equals(p.header)) return 0;
    let start = p.header.length;
    let buffer = Buffer.alloc(0);
    for (let i = 0; i < entries.length; i++) {
      const f = entries[i]!.files[p.name];
      if (!f || f.end < start || f.end > size) return i;
      const length = f.end - start;
      if (buffer.length < length) buffer = Buffer.alloc(length);
      if (readSync(fd, buffer, 0, length, start) !== length || crcHex(crc(buffer.subarray(0, length))) !== f.block)
        return i;
      start = f.end;
    }
    return entries.length;
  } finally {
    closeSync(fd);
  }
}

/** Creates (or replaces) a file holding `bytes`, fsynced; whatever was at `path` (a link) is replaced, never written through. */
export function writeNew(path: string, bytes: Uint8Array): void {
  const fd = createFresh(path);
  try {
    writeFully(fd, bytes, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function truncate(path: string, length: number): void {
  const fd = openSync(path, 'r+');
  try {
    ftruncateSync(fd, length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
