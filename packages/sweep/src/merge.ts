import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { orderByCoverage, type MergeInput } from './coverage.js';
import { ConfigMismatchError, GridError, IncompleteError, SweepError } from './errors.js';
import { fsyncDir, writeAtomic, writeFully } from './folder/atomic.js';
import { crc, crcHex } from './folder/checksum.js';
import { crc32Combine } from './folder/crcCombine.js';
import {
  buildManifest,
  identityDifferences,
  manifestText,
  readManifest,
  type Manifest,
  type ManifestFile,
} from './folder/manifest.js';
import {
  CELL_FILES,
  CELL_STATS,
  CELLS_PARQUET,
  MANIFEST_JSON,
  RESUME_DIR,
  STAT_FIELDS,
  SUMMARY_CSV,
} from './folder/names.js';
import { checkOutDir, makeOutDir } from './folder/outDir.js';
import { createLayout, type GridLayout } from './layout.js';
import {
  PARQUET_MAGIC,
  parquetFooter,
  readParquetFooter,
  type ColumnSpec,
  type PlacedRowGroup,
} from './parquet/index.js';
import { buildSummary } from './summary.js';
import type { GridSpec } from './types.js';

/** Options of mergeSweeps beyond the folders. */
export interface MergeOptions {
  /** The command line, recorded in the merged manifest.json. */
  command?: string;
}

/**
 * Merges complete shard folders of one grid into `out`, equal byte for byte to the single-machine
 * sweep (manifest `run` block aside). Shards are contiguous block ranges, so each cells file is the
 * shards' files concatenated (Parquet: their row groups, with one new footer); no cell is parsed.
 * Refuses unfinished or damaged folders, config mismatches, missing cells and cells present twice;
 * a failed merge leaves no temporary file.
 */
export async function mergeSweeps(
  dirs: readonly string[],
  out: string,
  options: MergeOptions = {},
): Promise<{ out: string; cellCount: number }> {
  if (!Array.isArray(dirs) || dirs.length === 0)
    throw new GridError('merge folders', dirs, 'one or more sweep folders');
  if (typeof out !== 'string' || out.trim() === '') throw new GridError('--out', out, 'a folder path');
  const startedAt = new Date().toISOString();
  const outDir = resolve(out);
  const inputs = dirs.map(readInput);
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const diff = identityDifferences(first.manifest, { ...input.manifest, shard: first.manifest.shard }, [
      `${first.dir} has`,
      `${input.dir} has`,
    ]);
    if (diff.length)
      throw new ConfigMismatchError(
        input.dir,
        diff,
        `in ${first.dir}`,
        'Merge only shards of one sweep (same grid, formats and @resnet/core).',
      );
  }
  if (inputs.some((i) => i.dir === outDir))
    throw new GridError('--out', out, 'a folder that is not one of the merged folders');
  const layout = createLayout({ ...(first.manifest.grid as GridSpec), shard: null });
  const ordered = orderByCoverage(layout, inputs);
  const dir = checkOutDir(outDir);
  makeOutDir(outDir, dir);
  prepareOut(outDir, first.manifest);
  const id = { ...first.manifest, shard: null };
  const names = [...id.formats.map((f) => CELL_FILES[f]), CELL_STATS];
  const tmp = (name: string) => join(outDir, `${name}.tmp`);
  const files: Record<string, ManifestFile> = {};
  let summary: { csv: string; nonFinite: number };
  try {
    for (const name of names)
      files[name] = name === CELLS_PARQUET ? mergeParquet(ordered, tmp(name)) : concatenate(ordered, name, tmp(name));
    summary = buildSummary(layout, readStats(tmp(CELL_STATS), layout));
    for (const name of names) renameSync(tmp(name), join(outDir, name));
  } catch (e) {
    for (const name of names) rmSync(tmp(name), { force: true });
    throw e;
  }
  const csv = Buffer.from(summary.csv);
  writeAtomic(join(outDir, SUMMARY_CSV), csv);
  files[SUMMARY_CSV] = { bytes: csv.length, crc32: crcHex(crc(csv)) };
  const run = { mergedFrom: ordered.map((i) => i.dir), startedAt, completedAt: new Date().toISOString() };
  const manifest = buildManifest(id, {
    cellCount: layout.cellCount,
    blocks: { count: layout.plan.count, first: 0, last: layout.plan.count },
    nonFinite: summary.nonFinite,
    files,
    command: options.command,
    run,
  });
  writeAtomic(join(outDir, MANIFEST_JSON), manifestText(manifest));
  fsyncDir(outDir);
  return { out: outDir, cellCount: layout.cellCount };
}

function readInput(dir: string): MergeInput {
  const abs = resolve(dir);
  if (existsSync(join(abs, RESUME_DIR)))
    throw new IncompleteError(`${abs} holds an unfinished sweep; rerun its sweep command to finish it, then merge.`);
  const manifest = readManifest(abs);
  if (!manifest) throw new IncompleteError(`${abs} has no manifest.json, so it is not a sweep folder.`);
  const layout = createLayout({ ...(manifest.grid as GridSpec), shard: manifest.shard });
  if (
    manifest.cellCount !== layout.cellCount ||
    manifest.blocks?.first !== layout.firstBlock ||
    manifest.blocks?.last !== layout.lastBlock
  ) {
    throw new IncompleteError(
      `${abs}: manifest.json says ${manifest.cellCount} cells, but its grid and shard hold ${layout.cellCount}; the folder is damaged.`,
    );
  }
  for (const [name, f] of Object.entries(manifest.files ?? {})) {
    let size = -1;
    try {
      size = statSync(join(abs, name)).size;
    } catch {
      // missing
    }
    if (size !== f.bytes)
      throw new IncompleteError(
        `${abs}/${name} has ${size < 0 ? 'gone missing' : `${size} bytes, the manifest says ${f.bytes}`}; the folder is damaged. Rerun its sweep command to repair it.`,
      );
  }
  return { dir: abs, manifest, layout };
}

/** Refuses an out folder holding another sweep or an unfinished one. */
function prepareOut(out: string, like: Manifest): void {
  if (existsSync(join(out, RESUME_DIR)))
    throw new SweepError(`${out} holds an unfinished sweep; merge into another --out folder.`);
  const existing = readManifest(out);
  if (existing) {
    const diff = identityDifferences(existing, { ...like, shard: null });
    if (diff.length) throw new ConfigMismatchError(out, diff, 'merged', 'Merge into a new --out folder.');
    rmSync(join(out, MANIFEST_JSON)); // rewritten last
  }
}

/** Concatenates the inputs' `name` files into `path`, checking each input against its manifest's crc32 on the way. */
function concatenate(inputs: readonly MergeInput[], name: string, path: string): ManifestFile {
  const fd = openSync(path, 'w');
  let value = 0;
  let bytes = 0;
  try {
    for (const input of inputs) {
      const copied = copyRange(join(input.dir, name), 0, input.manifest.files[name]!.bytes, fd, bytes);
      checkCrc(input, name, copied.file);
      value = crc32Combine(value, copied.range, input.manifest.files[name]!.bytes);
      bytes += input.manifest.files[name]!.bytes;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { bytes, crc32: crcHex(value) };
}

/** Writes 'PAR1', every input's row groups in order, and one footer with the row groups' new offsets. */
function mergeParquet(inputs: readonly MergeInput[], path: string): ManifestFile {
  const fd = openSync(path, 'w');
  const placed: PlacedRowGroup[] = [];
  let columns: readonly ColumnSpec[] | undefined;
  let value = crc(PARQUET_MAGIC);
  let at = PARQUET_MAGIC.length;
  try {
    writeFully(fd, PARQUET_MAGIC, 0);
    for (const input of inputs) {
      const source = join(input.dir, CELLS_PARQUET);
      const sfd = openSync(source, 'r');
      let info: ReturnType<typeof readParquetFooter>;
      try {
        info = readParquetFooter(sfd, source);
      } finally {
        closeSync(sfd);
      }
      columns ??= info.columns; // shards of one grid (checked above) share their axis columns
      const shift = at - PARQUET_MAGIC.length;
      for (const g of info.rowGroups) placed.push({ offset: g.offset + shift, meta: g.meta });
      const length = info.dataEnd - PARQUET_MAGIC.length;
      const copied = copyRange(source, PARQUET_MAGIC.length, length, fd, at);
      checkCrc(input, CELLS_PARQUET, copied.file);
      value = crc32Combine(value, copied.range, length);
      at += length;
    }
    const footer = parquetFooter(placed, columns);
    writeFully(fd, footer, at);
    value = crc32Combine(value, crc(footer), footer.length);
    at += footer.length;
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { bytes: at, crc32: crcHex(value) };
}

/**
 * Copies bytes [start, start+length) of `source` to `fd` at `position`, reading the whole source once:
 * returns the crc32 of the whole file (to check against its manifest) and of the copied range.
 */
function copyRange(
  source: string,
  start: number,
  length: number,
  fd: number,
  position: number,
): { file: number; range: number } {
  const sfd = openSync(source, 'r');
  const buffer = Buffer.allocUnsafe(8 << 20);
  let file = 0;
  let range = 0;
  try {
    let at = 0;
    for (;;) {
      const n = readSync(sfd, buffer, 0, buffer.length, at);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      file = crc(chunk, file);
      // The part of this chunk inside the range.
      const lo = Math.max(at, start);
      const hi = Math.min(at + n, start + length);
      if (hi > lo) {
        const piece = chunk.subarray(lo - at, hi - at);
        range = crc(piece, range);
        writeFully(fd, piece, position + (lo - start));
      }
      at += n;
    }
    if (at < start + length)
      throw new IncompleteError(
        `${source} ends at byte ${at}, before ${start + length}; the folder is damaged. Rerun its sweep command to repair it.`,
      );
  } finally {
    closeSync(sfd);
  }
  return { file: file >>> 0, range: range >>> 0 };
}

function checkCrc(input: MergeInput, name: string, got: number): void {
  const want = input.manifest.files[name]!.crc32;
  if (crcHex(got) !== want) {
    throw new IncompleteError(
      `${input.dir}/${name} has crc32 ${crcHex(got)}, its manifest says ${want}: the file is damaged. Rerun that folder's sweep command to repair it, then merge.`,
    );
  }
}

function readStats(path: string, l: GridLayout): Float64Array {
  const bytes = readFileSync(path);
  if (bytes.length !== l.cellCount * STAT_FIELDS * 8)
    throw new SweepError(`${path}: ${bytes.length} bytes of summary values, expected ${l.cellCount * STAT_FIELDS * 8}`);
  return bytes.byteOffset % 8 === 0
    ? new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8)
    : new Float64Array(Uint8Array.from(bytes).buffer);
}
