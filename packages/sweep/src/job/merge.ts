import { existsSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ConfigMismatchError,
  FolderFormatError,
  FolderWriteError,
  GridError,
  IncompleteError,
  MergeAbortedError,
  describeFsError,
  fsErrorCode,
} from '../errors.js';
import { fsyncDir, writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import { formatFiles, type FolderIdentity, type ManifestBase, type ManifestFile } from '../folder/format.js';
import { lockFolder } from '../folder/lock.js';
import { manifestText, readFolderManifest } from '../folder/manifest.js';
import { MANIFEST_JSON, RESUME_DIR } from '../folder/names.js';
import { checkOutDir, makeOutDir, removeCreated } from '../folder/outDir.js';
import { verifyFiles } from '../folder/verify.js';
import { manifestCountProblems } from './counts.js';
import { orderByCoverage, type MergeInput } from './coverage.js';
import type { JobKind, JobSummary } from './job.js';
import { concatenateParts } from './mergeParts.js';

/** What a merge wrote. */
export interface MergeResult<M, S> {
  out: string;
  /** Rows (cells, runs) of the merged folder: the grid's. */
  rows: number;
  manifest: M;
  summary: S;
}

/** Options of mergeFolders. */
export interface MergeFoldersOptions {
  /** The command line, recorded in the merged manifest.json. */
  command?: string;
  /** Aborting stops the merge between pieces of 8 MB: `out` is left as it was, with no temporary file. */
  signal?: AbortSignal;
}

/**
 * Merges complete shard folders of one grid of any job into `out`, equal byte for byte to the
 * single-machine folder (manifest `run` aside). Shards are contiguous unit ranges, so each part file is
 * the shards' files concatenated (Parquet: their row groups, with one new footer), each input checked
 * against its manifest's sizes and crc32 on the way; the summary is rebuilt from the merged parts. Refuses
 * unfinished or damaged folders, manifests whose counts do not match their grid, other grids, missing
 * rows, rows given twice, and an `out` that is an input (links resolved) or holds another folder, an
 * unfinished one, or results without a manifest. `out` is locked while it is written; until the merged
 * parts are complete it is unchanged, and a failure or an abort leaves no temporary file.
 */
export async function mergeFolders<Id extends FolderIdentity, M extends Id & ManifestBase, S extends JobSummary>(
  kind: JobKind<Id, M, S>,
  dirs: readonly string[],
  out: string,
  options: MergeFoldersOptions = {},
): Promise<MergeResult<M, S>> {
  const words = kind.folder.words;
  if (!Array.isArray(dirs) || dirs.length === 0)
    throw new GridError('merge folders', dirs, `one or more ${words.kind} folders`);
  if (typeof out !== 'string' || out.trim() === '') throw new GridError('--out', out, 'a folder path');
  const startedAt = new Date().toISOString();
  const outDir = resolve(out);
  // 1. Every input complete, its counts those of its grid and shard, all of one grid, covering it once.
  const inputs = dirs.map((d) => readInput(kind, d));
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const diff = kind.folder.differences(
      first.manifest,
      { ...kind.folder.identity(input.manifest), shard: first.manifest.shard },
      [`${first.dir} has`, `${input.dir} has`],
    );
    if (diff.length)
      throw new ConfigMismatchError(
        input.dir,
        diff,
        `in ${first.dir}`,
        `Merge only shards of one ${words.kind} (the same command but for its shard, and the same @resnet/core).`,
      );
  }
  if (inputs.some((i) => sameFolder(i.dir, outDir)))
    throw new GridError('--out', out, 'a folder that is not one of the merged folders');
  const identity: Id = { ...kind.folder.identity(first.manifest), shard: null };
  const files = kind.files(identity);
  const ordered = orderByCoverage(files, words, inputs);
  // 2. The output folder: new, or a finished folder of this identity (rewritten), locked while written.
  const dir = checkOutDir(outDir);
  makeOutDir(outDir, dir);
  let unlock: () => void;
  try {
    unlock = lockFolder(outDir, 'resnet merge');
  } catch (e) {
    removeCreated(dir);
    throw e;
  }
  try {
    const existing = checkOut(kind, outDir, identity);
    // 3. Each part concatenated in unit order into `<name>.tmp`, the summary from them; `out` is untouched so far.
    const tmp = (name: string) => join(outDir, `${name}.tmp`);
    const listed: Record<string, ManifestFile> = {};
    let summary: S;
    try {
      for (const part of files.parts)
        listed[part.name] = await concatenateParts(ordered, part, tmp(part.name), files, words, options.signal);
      options.signal?.throwIfAborted();
      summary = files.summarize((name) => readFileSync(tmp(name)));
      // 4. Published: a finished folder's old manifest goes first, then the parts, the summary, manifest.json last.
      if (existing) rmSync(join(outDir, MANIFEST_JSON));
      for (const part of files.parts) renameSync(tmp(part.name), join(outDir, part.name));
    } catch (e) {
      for (const part of files.parts) rmSync(tmp(part.name), { force: true });
      if (options.signal?.aborted) throw new MergeAbortedError(outDir, words.kind);
      throw fsErrorCode(e)
        ? new FolderWriteError(
            outDir,
            fsErrorCode(e),
            `Could not write the merged folder ${outDir}: ${describeFsError(e)}. Nothing was published and no temporary file is left; the merged folders are unchanged. Free some space (or fix the disk), then rerun the same command.`,
          )
        : e;
    }
    for (const [name, bytes] of Object.entries(summary.files)) {
      writeAtomic(join(outDir, name), bytes);
      listed[name] = { bytes: bytes.length, crc32: crcHex(crc(bytes)) };
    }
    const rows = files.units.start(files.units.count);
    const manifest = kind.folder.manifest(identity, {
      rows,
      blocks: { count: files.units.count, first: 0, last: files.units.count },
      fields: summary.fields,
      files: listed,
      command: options.command,
      run: { mergedFrom: ordered.map((i) => i.dir), startedAt, completedAt: new Date().toISOString() },
    });
    writeAtomic(join(outDir, MANIFEST_JSON), manifestText(manifest));
    fsyncDir(outDir);
    return { out: outDir, rows, manifest, summary };
  } finally {
    unlock();
  }
}

/** One input: complete, of this kind, its row count and unit range those its grid and shard give, its files of the listed sizes. */
function readInput<Id extends FolderIdentity, M extends Id & ManifestBase>(
  kind: JobKind<Id, M, JobSummary>,
  dir: string,
): MergeInput<M> {
  const { words } = kind.folder;
  const abs = resolve(dir);
  if (existsSync(join(abs, RESUME_DIR)))
    throw new IncompleteError(
      `${abs} holds an unfinished ${words.kind}; rerun its ${words.command} command to finish it, then merge.`,
    );
  const manifest = readFolderManifest(abs, kind.folder);
  if (!manifest) throw new IncompleteError(`${abs} has no manifest.json, so it is not a ${words.kind} folder.`);
  const repair = `the folder is damaged. Rerun its ${words.command} command to repair it, then merge.`;
  const { problems, files } = manifestCountProblems(kind, manifest);
  // Sizes here; each file's crc32 is checked as it is copied.
  for (const p of verifyFiles(abs, manifest, true)) problems.push(p);
  if (problems.length) throw new IncompleteError(`${abs}: ${problems.join('; ')}; ${repair}`);
  return { dir: abs, manifest, first: files.units.first, last: files.units.last };
}

/**
 * Refuses an out folder holding an unfinished job, another format or another identity, or this format's
 * files without a manifest (results of something else); returns whether it holds a finished folder of
 * this identity (rewritten).
 */
function checkOut<Id extends FolderIdentity, M extends Id & ManifestBase>(
  kind: JobKind<Id, M, JobSummary>,
  out: string,
  identity: Id,
): boolean {
  const { words } = kind.folder;
  if (existsSync(join(out, RESUME_DIR)))
    throw new FolderFormatError(
      out,
      `${out} holds an unfinished ${words.kind} (${RESUME_DIR}/); nothing was written. Merge into another --out folder.`,
    );
  const existing = readFolderManifest(out, kind.folder);
  if (existing) {
    const diff = kind.folder.differences(existing, identity);
    if (diff.length) throw new ConfigMismatchError(out, diff, 'merged', 'Merge into a new --out folder.');
    return true;
  }
  const held = formatFiles(kind.folder).filter((name) => existsSync(join(out, name)));
  if (held.length)
    throw new FolderFormatError(
      out,
      `${out} holds ${held.join(', ')} but no manifest.json, so it is no finished ${words.kind} folder; nothing was written. Merge into another --out folder.`,
    );
  return false;
}

/** Whether two paths are one folder (links resolved where they exist). */
function sameFolder(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}
