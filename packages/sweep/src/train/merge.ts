import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigMismatchError, DuplicateCellsError, GridError, IncompleteError } from '../errors.js';
import { fsyncDir, writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import { manifestText } from '../folder/manifest.js';
import { MANIFEST_JSON, RESUME_DIR, SUMMARY_CSV } from '../folder/names.js';
import { checkOutDir, makeOutDir } from '../folder/outDir.js';
import { readTrainManifest } from './folder.js';
import { buildTrainManifest, trainDifferences, type TrainManifest } from './identity.js';
import { RUNS_JSONL } from './names.js';
import { parseRuns } from './record.js';
import { summarizeRuns, trainSummaryCsv } from './summary.js';

/**
 * Merges complete shard folders of one training grid into `out`: runs.jsonl is the shards' files
 * concatenated in run order (each checked against its manifest's crc32), summary.csv is rebuilt, and
 * the files equal the single-machine folder's byte for byte. Refuses unfinished folders, other grids,
 * missing runs and runs given twice.
 */
export function mergeTrainFolders(dirs: readonly string[], out: string, options: { command?: string } = {}): { out: string; runCount: number } {
  if (!Array.isArray(dirs) || dirs.length === 0) throw new GridError('merge folders', dirs, 'one or more training folders');
  if (typeof out !== 'string' || out.trim() === '') throw new GridError('--out', out, 'a folder path');
  const startedAt = new Date().toISOString();
  const outDir = resolve(out);
  // 1. Every input complete, of one grid, covering every run exactly once.
  const inputs = dirs.map((d) => {
    const dir = resolve(d);
    if (existsSync(join(dir, RESUME_DIR)))
      throw new IncompleteError(`${dir} holds an unfinished training sweep; rerun its train command to finish it, then merge.`);
    const manifest = readTrainManifest(dir);
    if (!manifest) throw new IncompleteError(`${dir} has no manifest.json, so it is not a training folder.`);
    return { dir, manifest };
  });
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const diff = trainDifferences(input.manifest, { ...first.manifest, shard: input.manifest.shard }, [`${input.dir} has`, `${first.dir} has`]);
    if (diff.length)
      throw new ConfigMismatchError(input.dir, diff, `in ${first.dir}`, 'Merge only shards of one training grid (same grid, options, data and @resnet/core).');
  }
  if (inputs.some((i) => i.dir === outDir)) throw new GridError('--out', out, 'a folder that is not one of the merged folders');
  const ordered = [...inputs].sort((a, b) => a.manifest.blocks.first - b.manifest.blocks.first);
  const total = first.manifest.blocks.count;
  let next = 0;
  for (const input of ordered) {
    const { first: from, last } = input.manifest.blocks;
    if (from > next) throw new IncompleteError(`Runs ${next} to ${from - 1} of ${total} are in none of the folders; add the missing shard's folder.`);
    if (from < next && last > from)
      throw new DuplicateCellsError(`${input.dir} holds runs ${from} to ${last - 1}, some of them given already; give each shard once.`);
    next = Math.max(next, last);
  }
  if (next < total) throw new IncompleteError(`Runs ${next} to ${total - 1} of ${total} are in none of the folders; add the missing shard's folder.`);
  // 2. runs.jsonl concatenated (crc-checked), summary.csv rebuilt, manifest.json last.
  const parts = ordered.map(({ dir, manifest }) => {
    const bytes = readFileSync(join(dir, RUNS_JSONL));
    const want = manifest.files[RUNS_JSONL];
    if (!want || bytes.length !== want.bytes || crcHex(crc(bytes)) !== want.crc32) {
      throw new IncompleteError(`${join(dir, RUNS_JSONL)} does not match its manifest (size or crc32): the folder is damaged; rerun its train command.`);
    }
    return bytes;
  });
  const text = Buffer.concat(parts);
  const runs = parseRuns(text.toString('utf8'));
  const m = first.manifest;
  const summary = summarizeRuns(m.grid.archs, m.grid.depths, runs);
  const csv = Buffer.from(trainSummaryCsv(summary));
  const dir = checkOutDir(outDir);
  makeOutDir(outDir, dir);
  writeAtomic(join(outDir, RUNS_JSONL), text);
  writeAtomic(join(outDir, SUMMARY_CSV), csv);
  const manifest: TrainManifest = buildTrainManifest(
    { ...m, shard: null },
    {
      runCount: total,
      blocks: { count: total, first: 0, last: total },
      steps: ordered.reduce((a, i) => a + i.manifest.steps, 0),
      nonFinite: summary.reduce((a, r) => a + r.nonFinite, 0),
      files: { [RUNS_JSONL]: { bytes: text.length, crc32: crcHex(crc(text)) }, [SUMMARY_CSV]: { bytes: csv.length, crc32: crcHex(crc(csv)) } },
      command: options.command,
      run: { mergedFrom: ordered.map((i) => i.dir), startedAt, completedAt: new Date().toISOString() },
    },
  );
  writeAtomic(join(outDir, MANIFEST_JSON), manifestText(manifest as never));
  fsyncDir(outDir);
  return { out: outDir, runCount: total };
}
