import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigMismatchError, DuplicateCellsError, GridError, IncompleteError } from '../errors.js';
import { fsyncDir, writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import { manifestText, type ManifestFile } from '../folder/manifest.js';
import { MANIFEST_JSON, RESUME_DIR, SUMMARY_CSV } from '../folder/names.js';
import { checkOutDir, makeOutDir } from '../folder/outDir.js';
import { readTrainManifest } from './folder.js';
import { buildTrainManifest, trainDifferences, type TrainManifest } from './identity.js';
import { RUN_FILES } from './names.js';
import { parquetFooter, type PlacedRowGroup } from '../parquet/parquetFooter.js';
import { PARQUET_MAGIC } from '../parquet/schema.js';
import { decodeRuns, runsParquetInfo } from './readRuns.js';
import { parseRuns } from './record.js';
import { summarizeRuns, trainSummaryCsv } from './summary.js';

/**
 * Merges complete shard folders of one training grid into `out`: each runs file is the shards' files
 * concatenated in run order (each checked against its manifest's crc32; runs.parquet as PAR1, every
 * shard's row groups and one new footer with shifted offsets), summary.csv is rebuilt, and
 * the files equal the single-machine folder's byte for byte. Refuses unfinished folders, other grids,
 * missing runs and runs given twice.
 */
export function mergeTrainFolders(
  dirs: readonly string[],
  out: string,
  options: { command?: string } = {},
): { out: string; runCount: number } {
  if (!Array.isArray(dirs) || dirs.length === 0)
    throw new GridError('merge folders', dirs, 'one or more training folders');
  if (typeof out !== 'string' || out.trim() === '') throw new GridError('--out', out, 'a folder path');
  const startedAt = new Date().toISOString();
  const outDir = resolve(out);
  // 1. Every input complete, of one grid, covering every run exactly once.
  const inputs = dirs.map((d) => {
    const dir = resolve(d);
    if (existsSync(join(dir, RESUME_DIR)))
      throw new IncompleteError(
        `${dir} holds an unfinished training sweep; rerun its train command to finish it, then merge.`,
      );
    const manifest = readTrainManifest(dir);
    if (!manifest) throw new IncompleteError(`${dir} has no manifest.json, so it is not a training folder.`);
    return { dir, manifest };
  });
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const diff = trainDifferences(input.manifest, { ...first.manifest, shard: input.manifest.shard }, [
      `${input.dir} has`,
      `${first.dir} has`,
    ]);
    if (diff.length)
      throw new ConfigMismatchError(
        input.dir,
        diff,
        `in ${first.dir}`,
        'Merge only shards of one training grid (same grid, options, data and @resnet/core).',
      );
  }
  if (inputs.some((i) => i.dir === outDir))
    throw new GridError('--out', out, 'a folder that is not one of the merged folders');
  const ordered = [...inputs].sort((a, b) => a.manifest.blocks.first - b.manifest.blocks.first);
  const total = first.manifest.blocks.count;
  let next = 0;
  for (const input of ordered) {
    const { first: from, last } = input.manifest.blocks;
    if (from > next)
      throw new IncompleteError(
        `Runs ${next} to ${from - 1} of ${total} are in none of the folders; add the missing shard's folder.`,
      );
    if (from < next && last > from)
      throw new DuplicateCellsError(
        `${input.dir} holds runs ${from} to ${last - 1}, some of them given already; give each shard once.`,
      );
    next = Math.max(next, last);
  }
  if (next < total)
    throw new IncompleteError(
      `Runs ${next} to ${total - 1} of ${total} are in none of the folders; add the missing shard's folder.`,
    );
  // 2. Each runs file concatenated in run order (crc-checked; runs.parquet: row groups moved, one new footer), summary.csv rebuilt, manifest.json last.
  const m = first.manifest;
  const formats = m.formats ?? ['jsonl'];
  const merged = formats.map((f) => {
    const name = RUN_FILES[f];
    const parts = ordered.map(({ dir, manifest }) => {
      const bytes = readFileSync(join(dir, name));
      const want = manifest.files[name];
      if (!want || bytes.length !== want.bytes || crcHex(crc(bytes)) !== want.crc32) {
        throw new IncompleteError(
          `${join(dir, name)} does not match its manifest (size or crc32): the folder is damaged; rerun its train command.`,
        );
      }
      return { file: join(dir, name), bytes };
    });
    return { f, name, bytes: f === 'parquet' ? concatParquet(parts) : Buffer.concat(parts.map((p) => p.bytes)) };
  });
  const head = merged[0]!;
  const runs = head.f === 'parquet' ? decodeRuns(head.bytes) : parseRuns(Buffer.from(head.bytes).toString('utf8'));
  const summary = summarizeRuns(m.grid.archs, m.grid.depths, runs);
  const csv = Buffer.from(trainSummaryCsv(summary));
  const dir = checkOutDir(outDir);
  makeOutDir(outDir, dir);
  const files: Record<string, ManifestFile> = {};
  for (const { name, bytes } of merged) {
    writeAtomic(join(outDir, name), bytes);
    files[name] = { bytes: bytes.length, crc32: crcHex(crc(bytes)) };
  }
  writeAtomic(join(outDir, SUMMARY_CSV), csv);
  files[SUMMARY_CSV] = { bytes: csv.length, crc32: crcHex(crc(csv)) };
  const manifest: TrainManifest = buildTrainManifest(
    { ...m, shard: null },
    {
      runCount: total,
      blocks: { count: total, first: 0, last: total },
      steps: ordered.reduce((a, i) => a + i.manifest.steps, 0),
      nonFinite: summary.reduce((a, r) => a + r.nonFinite, 0),
      files,
      command: options.command,
      run: { mergedFrom: ordered.map((i) => i.dir), startedAt, completedAt: new Date().toISOString() },
    },
  );
  writeAtomic(join(outDir, MANIFEST_JSON), manifestText(manifest as never));
  fsyncDir(outDir);
  return { out: outDir, runCount: total };
}

/** runs.parquet files of consecutive shards as one: PAR1, each file's row groups (bytes [4, footer start)), one footer with shifted offsets. */
function concatParquet(parts: ReadonlyArray<{ file: string; bytes: Buffer }>): Buffer {
  const infos = parts.map((p) => runsParquetInfo(p.bytes, p.file));
  const columns = infos[0]!.columns;
  const placed: PlacedRowGroup[] = [];
  let offset = PARQUET_MAGIC.length;
  infos.forEach((info, i) => {
    if (JSON.stringify(info.columns) !== JSON.stringify(columns))
      throw new ConfigMismatchError(
        parts[i]!.file,
        [`columns: ${info.columns.map((c) => c.name).join(',')} vs ${columns.map((c) => c.name).join(',')}`],
        `in ${parts[0]!.file}`,
      );
    for (const g of info.rowGroups) placed.push({ offset: g.offset - PARQUET_MAGIC.length + offset, meta: g.meta });
    offset += info.dataEnd - PARQUET_MAGIC.length;
  });
  return Buffer.concat([
    PARQUET_MAGIC,
    ...parts.map((p, i) => p.bytes.subarray(PARQUET_MAGIC.length, infos[i]!.dataEnd)),
    parquetFooter(placed, columns),
  ]);
}
