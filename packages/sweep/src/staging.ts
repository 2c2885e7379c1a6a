import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigMismatchError, SweepError } from './errors.js';
import { recordByteOffset, type GridLayout } from './layout.js';
import { identityDifferences, manifestText, type Manifest, type SweepIdentity } from './manifest.js';

/** Folder inside a sweep folder that holds the resume state until the sweep completes. */
export const RESUME_DIR = '.resume';

/**
 * The resume state of a sweep folder: `.resume/records.f64` (every cell's record at a fixed offset),
 * `.resume/done.u8` (one byte per cell, set to 1 only after its record is written) and
 * `.resume/config.json` (the sweep's identity, written last so its presence marks a valid state).
 */
export class Staging {
  /** 1 for each local cell already on disk. */
  readonly done: Uint8Array;
  doneCount = 0;
  private ones = new Uint8Array(0);

  private constructor(readonly dir: string, readonly layout: GridLayout, private readonly recordsFd: number, private readonly doneFd: number) {
    this.done = new Uint8Array(layout.cellCount);
    readFully(doneFd, this.done, 0);
    for (let i = 0; i < this.done.length; i++) this.doneCount += this.done[i]!;
  }

  /** Opens (resuming) or creates the state in out/.resume for this identity; refuses a different one. */
  static open(out: string, id: SweepIdentity, layout: GridLayout): Staging {
    const dir = join(out, RESUME_DIR);
    const [configPath, recordsPath, donePath] = ['config.json', 'records.f64', 'done.u8'].map((f) => join(dir, f)) as [string, string, string];
    if (existsSync(configPath)) {
      const diff = identityDifferences(readJson(configPath) as SweepIdentity, id);
      if (diff.length) throw new ConfigMismatchError(out, diff);
    }
    const valid = existsSync(configPath) && existsSync(recordsPath) && existsSync(donePath) && statSync(donePath).size === layout.cellCount;
    if (!valid) {
      // No usable state (none yet, or a crash while creating it): start afresh.
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(recordsPath, new Uint8Array(0));
      writeFileSync(donePath, new Uint8Array(layout.cellCount));
      writeAtomic(configPath, manifestText(id));
    }
    return new Staging(dir, layout, openSync(recordsPath, 'r+'), openSync(donePath, 'r+'));
  }

  /** Writes the records of local cells [start, start+count) from bytes, then marks them done (in that order). */
  write(start: number, count: number, bytes: Uint8Array): void {
    writeFully(this.recordsFd, bytes, recordByteOffset(this.layout, start));
    if (this.ones.length < count) this.ones = new Uint8Array(count).fill(1);
    writeFully(this.doneFd, this.ones.subarray(0, count), start);
    for (let i = start; i < start + count; i++) if (this.done[i] === 0) this.doneCount++;
    this.done.fill(1, start, start + count);
  }

  /** Reads the records of local cells [start, start+count) into bytes. */
  read(start: number, count: number, bytes: Uint8Array): void {
    const from = recordByteOffset(this.layout, start);
    readFully(this.recordsFd, bytes.subarray(0, recordByteOffset(this.layout, start + count) - from), from);
  }

  /** Closes the files (the state stays on disk). */
  close(): void {
    closeSync(this.recordsFd);
    closeSync(this.doneFd);
  }

  /** Deletes the state once the final files are written. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Reads manifest.json of a folder, or null when there is none. */
export function readManifest(folder: string): Manifest | null {
  const path = join(folder, 'manifest.json');
  return existsSync(path) ? (readJson(path) as Manifest) : null;
}

/** Writes a file through a temporary name and a rename, so readers never see half of it. */
export function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SweepError(`${path} is not valid JSON (${(e as Error).message}); it is not a sweep folder this version can use.`);
  }
}

function writeFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at, position + at);
}

function readFully(fd: number, bytes: Uint8Array, position: number): void {
  for (let at = 0; at < bytes.length; ) {
    const n = readSync(fd, bytes, at, bytes.length - at, position + at);
    if (n === 0) throw new SweepError(`Unexpected end of a resume file at byte ${position + at}; delete the folder's ${RESUME_DIR} to start over.`);
    at += n;
  }
}
