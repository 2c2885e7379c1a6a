import { existsSync, ftruncateSync, mkdirSync, openSync, closeSync, readFileSync, readSync, renameSync, rmSync, fsyncSync, fstatSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigMismatchError } from '../errors.js';
import { crc, crcHex } from './checksum.js';
import { crc32Combine } from './crcCombine.js';
import { fsyncDir, writeAtomic, writeFully } from './atomic.js';
import { journalLine, parseJournal, type JournalEntry } from './journal.js';
import { checkFormat, identityDifferences, manifestText, readJson, type ManifestFile, type SweepIdentity } from './manifest.js';
import { PART_SUFFIX, RESUME_CONFIG, RESUME_DIR, RESUME_JOURNAL } from './names.js';

/** A partial output file: its published name and the bytes it starts with (Parquet's magic; empty for others). */
export interface PartSpec {
  name: string;
  header: Uint8Array;
}

/** One block ready to commit: its bytes per part (in PartSpec order) with their crc32s. */
export interface CommitBlock {
  block: number;
  cells: number;
  nonFinite: number;
  parts: Array<{ bytes: Uint8Array; crc32: number }>;
  rowGroup?: unknown;
}

interface Part extends PartSpec {
  path: string;
  end: number;
  crc: number;
  handle: FileHandle | null;
}

/**
 * The resume state in out/.resume: config.json (the sweep's identity, written last when the state is
 * created), journal.jsonl (checksummed entries of committed blocks, in block order) and one `.part`
 * file per output file holding the committed blocks' bytes. A block's bytes are written and fsynced
 * before its journal entry; on opening, entries whose bytes are missing or damaged (and every entry
 * after them) are dropped and the part files truncated to the last good entry.
 */
export class ResumeState {
  readonly entries: JournalEntry[];
  private journal: FileHandle | null = null;
  private journalEnd: number;

  private constructor(readonly dir: string, private readonly parts: Part[], entries: JournalEntry[], journalEnd: number) {
    this.entries = entries;
    this.journalEnd = journalEnd;
  }

  /** Opens (verifying and repairing) or creates the state for this identity; refuses another identity or format. */
  static async open(out: string, id: SweepIdentity, firstBlock: number, specs: readonly PartSpec[]): Promise<ResumeState> {
    const dir = join(out, RESUME_DIR);
    const configPath = join(dir, RESUME_CONFIG);
    const parts: Part[] = specs.map((s) => ({ ...s, path: join(dir, s.name + PART_SUFFIX), end: s.header.length, crc: crc(s.header), handle: null }));
    let entries: JournalEntry[] = [];
    let journalEnd = 0;
    if (existsSync(configPath)) {
      const config = readJson(configPath) as SweepIdentity;
      checkFormat(out, config?.format);
      const diff = identityDifferences(config, id);
      if (diff.length) throw new ConfigMismatchError(out, diff);
      ({ entries, journalEnd } = recover(out, dir, parts, firstBlock));
    } else {
      // No state, or a crash while creating it: start afresh.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      fsyncDir(out);
      for (const p of parts) writeNew(p.path, p.header);
      writeNew(join(dir, RESUME_JOURNAL), new Uint8Array(0));
      writeAtomic(configPath, manifestText(id)); // last, and fsyncs the folder: a state without it is discarded
    }
    const state = new ResumeState(dir, parts, entries, journalEnd);
    for (const p of parts) p.handle = await open(p.path, 'r+');
    state.journal = await open(join(dir, RESUME_JOURNAL), 'r+');
    return state;
  }

  /** Cells of the committed blocks. */
  get committedCells(): number {
    return this.entries.reduce((a, e) => a + e.cells, 0);
  }

  /** Bytes of the part files so far. */
  get partBytes(): number {
    return this.parts.reduce((a, p) => a + p.end, 0);
  }

  /** Reads the committed bytes of part `name` (after its header) into `into`. */
  readPart(name: string, into: Uint8Array): void {
    const p = this.parts.find((x) => x.name === name)!;
    const fd = openSync(p.path, 'r');
    try {
      for (let at = 0; at < p.end - p.header.length; ) {
        const n = readSync(fd, into, at, p.end - p.header.length - at, p.header.length + at);
        if (n === 0) throw new Error(`${p.path} ends early`);
        at += n;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Appends consecutive blocks: their bytes to each part file, fsync, then their journal entries, fsync. */
  async commit(blocks: readonly CommitBlock[]): Promise<void> {
    const lines: string[] = [];
    const pending: Array<Promise<unknown>> = [];
    for (const b of blocks) {
      const files: JournalEntry['files'] = {};
      this.parts.forEach((p, i) => {
        const { bytes, crc32 } = b.parts[i]!;
        pending.push(writeAll(p.handle!, bytes, p.end));
        p.end += bytes.length;
        p.crc = crc32Combine(p.crc, crc32, bytes.length);
        files[p.name] = { end: p.end, crc32: crcHex(p.crc), block: crcHex(crc32) };
      });
      const entry: JournalEntry = { block: b.block, cells: b.cells, nonFinite: b.nonFinite, files, ...(b.rowGroup === undefined ? {} : { rowGroup: b.rowGroup }) };
      this.entries.push(entry);
      lines.push(journalLine(entry));
    }
    await Promise.all(pending);
    await Promise.all(this.parts.map((p) => p.handle!.datasync()));
    const text = Buffer.from(lines.join(''));
    await writeAll(this.journal!, text, this.journalEnd);
    this.journalEnd += text.length;
    await this.journal!.datasync();
  }

  /** Appends each part's trailer (Parquet's footer), fsyncs and closes; returns every part's final size and crc32. */
  async finish(trailers: Readonly<Record<string, Uint8Array>>): Promise<Record<string, ManifestFile>> {
    const files: Record<string, ManifestFile> = {};
    for (const p of this.parts) {
      const trailer = trailers[p.name];
      if (trailer && trailer.length) {
        await writeAll(p.handle!, trailer, p.end);
        p.end += trailer.length;
        p.crc = crc32Combine(p.crc, crc(trailer), trailer.length);
      }
      await p.handle!.sync();
      files[p.name] = { bytes: p.end, crc32: crcHex(p.crc) };
    }
    await this.close();
    return files;
  }

  /** Moves the finished part files to their published names in out (each rename atomic), then fsyncs out. */
  publish(out: string, onRenamed?: (name: string) => void): void {
    for (const p of this.parts) {
      renameSync(p.path, join(out, p.name));
      onRenamed?.(p.name);
    }
    fsyncDir(out);
  }

  /** Closes the files (the state stays on disk). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.parts.map((p) => p.handle?.close()), this.journal?.close()]);
    for (const p of this.parts) p.handle = null;
    this.journal = null;
  }

  /** Deletes the state (after manifest.json is written). */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads the journal, checks every entry's bytes in the part files, and cuts state, parts and journal to the good prefix. */
function recover(out: string, dir: string, parts: Part[], firstBlock: number): { entries: JournalEntry[]; journalEnd: number } {
  const journalPath = join(dir, RESUME_JOURNAL);
  const text = existsSync(journalPath) ? readFileSync(journalPath) : Buffer.alloc(0);
  let { entries, lineEnds } = parseJournal(text, firstBlock);
  for (const p of parts) {
    const published = join(out, p.name);
    // A kill while publishing: the file was already moved out (Parquet with its footer; the cut below drops it).
    if (!existsSync(p.path) && existsSync(published)) renameSync(published, p.path);
    else if (existsSync(published)) rmSync(published);
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
      if (readSync(fd, buffer, 0, length, start) !== length || crcHex(crc(buffer.subarray(0, length))) !== f.block) return i;
      start = f.end;
    }
    return entries.length;
  } finally {
    closeSync(fd);
  }
}

function writeNew(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'w');
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

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, position + at);
    at += bytesWritten;
  }
}
