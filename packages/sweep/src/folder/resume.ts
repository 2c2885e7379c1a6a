import { closeSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { ConfigMismatchError } from '../errors.js';
import { crc, crcHex } from './checksum.js';
import { crc32Combine } from './crcCombine.js';
import { fsyncDir, writeAtomic } from './atomic.js';
import type { FolderFormat, FolderIdentity, ManifestFile } from './format.js';
import { journalLine, type JournalEntry } from './journal.js';
import { checkFormat, manifestText, readJson } from './manifest.js';
import { checkEntry, createFresh } from './entries.js';
import { ORDERED_SUFFIX, PART_SUFFIX, RESUME_CONFIG, RESUME_DIR, RESUME_JOURNAL } from './names.js';
import { recover, writeNew, type Part, type PartSpec } from './recover.js';

export type { PartSpec } from './recover.js';

/**
 * One unit of work ready to commit: its bytes per part (in PartSpec order) with their crc32s. The
 * journal keeps format 2's key names: `block` is the entry's number, `cells` the unit's rows.
 */
export interface CommitUnit {
  block: number;
  cells: number;
  nonFinite: number;
  parts: Array<{ bytes: Uint8Array; crc32: number }>;
  rowGroup?: unknown;
  /** Recorded in the journal entry as is (units committed as they finish: `{unit: u}`). */
  meta?: unknown;
}

/**
 * The resume state in out/.resume: config.json (the job's identity, written last when the state is
 * created), journal.jsonl (checksummed entries of committed units, numbered in commit order) and one
 * `.part` file per output file holding the committed units' bytes. A unit's bytes are written and
 * fsynced before its journal entry; on opening, entries whose bytes are missing or damaged (and every
 * entry after them) are dropped and the part files truncated to the last good entry.
 */
export class ResumeState {
  readonly entries: JournalEntry[];
  private journal: FileHandle | null = null;
  private journalEnd: number;
  private ordered = false;

  private constructor(
    readonly dir: string,
    private readonly parts: Part[],
    entries: JournalEntry[],
    journalEnd: number,
  ) {
    this.entries = entries;
    this.journalEnd = journalEnd;
  }

  /** Opens (verifying and repairing) or creates the state for this identity; refuses another format or identity. */
  static async open<Id extends FolderIdentity>(
    out: string,
    format: Pick<FolderFormat<Id>, 'tag' | 'older' | 'words' | 'differences'>,
    id: Id,
    firstUnit: number,
    specs: readonly PartSpec[],
  ): Promise<ResumeState> {
    const dir = join(out, RESUME_DIR);
    const configPath = join(dir, RESUME_CONFIG);
    const parts: Part[] = specs.map((s) => ({
      ...s,
      path: join(dir, s.name + PART_SUFFIX),
      end: s.header.length,
      crc: crc(s.header),
      handle: null,
    }));
    let entries: JournalEntry[] = [];
    let journalEnd = 0;
    const advice = `Delete ${dir} to start over (the progress saved there is lost), or choose another --out folder.`;
    if (checkEntry(out, dir, 'dir', advice) === 'dir' && checkEntry(out, configPath, 'file', advice) === 'file') {
      // Every file the state holds must be a regular file: a link or a FIFO there is never written through.
      for (const name of [RESUME_JOURNAL, ...parts.flatMap((p) => [p.path, p.path + ORDERED_SUFFIX])])
        checkEntry(out, join(dir, basename(name)), 'file', advice);
      const config = readJson(configPath, `The resume state is damaged. ${advice}`) as Partial<Id> | null;
      checkFormat(out, format, config?.format);
      const diff = format.differences(config, id);
      if (diff.length) throw new ConfigMismatchError(out, diff);
      ({ entries, journalEnd } = recover(out, dir, parts, firstUnit));
    } else {
      // No state, or a crash while creating it: start afresh.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      fsyncDir(out);
      for (const p of parts) writeNew(p.path, p.header);
      writeNew(join(dir, RESUME_JOURNAL), new Uint8Array(0));
      // last, and fsyncs the folder: a state without it is discarded
      writeAtomic(configPath, manifestText(id));
    }
    const state = new ResumeState(dir, parts, entries, journalEnd);
    for (const p of parts) p.handle = await open(p.path, 'r+');
    state.journal = await open(join(dir, RESUME_JOURNAL), 'r+');
    return state;
  }

  /** Rows (cells, runs) of the committed units. */
  get committedItems(): number {
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

  /** Appends units: their bytes to each part file, fsync, then their journal entries, fsync. */
  async commit(blocks: readonly CommitUnit[]): Promise<void> {
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
      const entry: JournalEntry = {
        block: b.block,
        cells: b.cells,
        nonFinite: b.nonFinite,
        files,
        ...(b.rowGroup === undefined ? {} : { rowGroup: b.rowGroup }),
        ...(b.meta === undefined ? {} : { meta: b.meta }),
      };
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

  /**
   * Finishes every part file: appends its trailer (Parquet's footer), fsyncs and closes. With `order`
   * (units committed as they finished), each part is first rewritten with the entries' bytes in that
   * order into `<name>.ordered` beside it (the part itself stays, so a rerun can publish again).
   * Returns every finished file's size and crc32.
   */
  async finish(
    trailers: Readonly<Record<string, Uint8Array>>,
    order: readonly JournalEntry[] | null = null,
  ): Promise<Record<string, ManifestFile>> {
    const files: Record<string, ManifestFile> = {};
    for (const p of this.parts) {
      if (order) {
        await p.handle!.close();
        p.handle = null;
        files[p.name] = writeOrdered(p, this.entries, order, trailers[p.name]);
        continue;
      }
      const trailer = trailers[p.name];
      if (trailer?.length) {
        await writeAll(p.handle!, trailer, p.end);
        p.end += trailer.length;
        p.crc = crc32Combine(p.crc, crc(trailer), trailer.length);
      }
      await p.handle!.sync();
      files[p.name] = { bytes: p.end, crc32: crcHex(p.crc) };
    }
    await this.close();
    this.ordered = order !== null;
    return files;
  }

  /** Path of the finished file of part `name` (after finish). */
  finished(name: string): string {
    const p = this.parts.find((x) => x.name === name)!;
    return this.ordered ? p.path + ORDERED_SUFFIX : p.path;
  }

  /** Moves the finished files to their published names in out (each rename atomic), then fsyncs out. */
  publish(out: string, onRenamed?: (name: string) => void): void {
    for (const p of this.parts) {
      renameSync(this.finished(p.name), join(out, p.name));
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

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, position + at);
    at += bytesWritten;
  }
}

/**
 * Writes part p's committed bytes entry by entry in `order` (the header first, then each entry's range,
 * then the trailer) into `<part>.ordered`, fsynced; returns its size and crc32.
 */
function writeOrdered(
  p: Part,
  committed: readonly JournalEntry[],
  order: readonly JournalEntry[],
  trailer: Uint8Array | undefined,
): ManifestFile {
  // Each entry's bytes end at its `end` and start where the entry before it (in commit order) ended.
  const start = new Map<JournalEntry, number>();
  let at = p.header.length;
  for (const e of committed) {
    start.set(e, at);
    at = e.files[p.name]!.end;
  }
  const src = openSync(p.path, 'r');
  const dst = createFresh(p.path + ORDERED_SUFFIX);
  let value = 0;
  let bytes = 0;
  const put = (chunk: Uint8Array) => {
    for (let w = 0; w < chunk.length; ) w += writeSync(dst, chunk, w, chunk.length - w, bytes + w);
    value = crc(chunk, value);
    bytes += chunk.length;
  };
  try {
    put(p.header);
    for (const e of order) {
      const from = start.get(e)!;
      const piece = Buffer.alloc(e.files[p.name]!.end - from);
      for (let r = 0; r < piece.length; ) {
        const n = readSync(src, piece, r, piece.length - r, from + r);
        if (n === 0) throw new Error(`${p.path} ends early`);
        r += n;
      }
      put(piece);
    }
    if (trailer) put(trailer);
    fsyncSync(dst);
  } finally {
    closeSync(src);
    closeSync(dst);
  }
  return { bytes, crc32: crcHex(value) };
}
