import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigMismatchError } from '../errors.js';
import { crc, crcHex } from './checksum.js';
import { crc32Combine } from './crcCombine.js';
import { fsyncDir, writeAtomic } from './atomic.js';
import { journalLine, type JournalEntry } from './journal.js';
import {
  checkFormat,
  identityDifferences,
  manifestText,
  readJson,
  type ManifestFile,
  type SweepIdentity,
} from './manifest.js';
import { PART_SUFFIX, RESUME_CONFIG, RESUME_DIR, RESUME_JOURNAL } from './names.js';
import { recover, writeNew, type Part, type PartSpec } from './recover.js';

export type { PartSpec } from './recover.js';

/** One block ready to commit: its bytes per part (in PartSpec order) with their crc32s. */
export interface CommitBlock {
  block: number;
  cells: number;
  nonFinite: number;
  parts: Array<{ bytes: Uint8Array; crc32: number }>;
  rowGroup?: unknown;
  /** Recorded in the journal entry as is (training: which run the block holds). */
  meta?: unknown;
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

  private constructor(
    readonly dir: string,
    private readonly parts: Part[],
    entries: JournalEntry[],
    journalEnd: number,
  ) {
    this.entries = entries;
    this.journalEnd = journalEnd;
  }

  /**
   * Opens (verifying and repairing) or creates the state for this identity; refuses another identity or format.
   * `differences` replaces the sweep's own identity check (format and fields) for other folder kinds (training).
   */
  static async open(
    out: string,
    id: SweepIdentity,
    firstBlock: number,
    specs: readonly PartSpec[],
    differences?: (folderConfig: unknown) => string[],
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
    if (existsSync(configPath)) {
      const config = readJson(configPath) as SweepIdentity;
      if (!differences) checkFormat(out, config?.format);
      const diff = differences ? differences(config) : identityDifferences(config, id);
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

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let at = 0; at < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, at, bytes.length - at, position + at);
    at += bytesWritten;
  }
}
