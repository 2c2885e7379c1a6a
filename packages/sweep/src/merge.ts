import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigMismatchError, GridError, IncompleteError, SweepError } from './errors.js';
import { createLayout, type GridLayout } from './layout.js';
import { LineReader } from './lineReader.js';
import { buildManifest, identityDifferences, manifestText, type Manifest } from './manifest.js';
import { RESUME_DIR, readManifest, writeAtomic } from './staging.js';
import { SummaryBuilder, packStats } from './summary.js';
import { checkCoverage, type MergeInput } from './coverage.js';
import type { GridSpec } from './types.js';

/** Options of mergeSweeps beyond the folders. */
export interface MergeOptions {
  /** The command line, recorded in the merged manifest.json. */
  command?: string;
}

/**
 * Merges complete shard folders of one grid into `out`, equal byte for byte to the single-machine
 * sweep (manifest `run` block aside). Refuses unfinished folders, config mismatches, missing cells
 * and cells present twice.
 */
export async function mergeSweeps(dirs: readonly string[], out: string, options: MergeOptions = {}): Promise<{ out: string; cellCount: number }> {
  if (!Array.isArray(dirs) || dirs.length === 0) throw new GridError('merge folders', dirs, 'one or more sweep folders');
  if (typeof out !== 'string' || out.trim() === '') throw new GridError('--out', out, 'a folder path');
  const startedAt = new Date().toISOString();
  const outDir = resolve(out);
  const inputs = dirs.map(readInput);
  const first = inputs[0]!;
  for (const input of inputs.slice(1)) {
    const diff = identityDifferences(first.manifest, { ...input.manifest, shard: first.manifest.shard }, [`${first.dir} has`, `${input.dir} has`]);
    if (diff.length) throw new ConfigMismatchError(input.dir, diff, `in ${first.dir}`, 'Merge only shards of one sweep (same grid, same @resnet/core).');
  }
  if (inputs.some((i) => i.dir === outDir)) throw new GridError('--out', out, 'a folder that is not one of the merged folders');
  const grid: GridSpec = { ...(first.manifest.grid as GridSpec), shard: null };
  const layout = createLayout(grid);
  checkCoverage(layout, inputs);
  prepareOut(outDir, first.manifest);
  const nonFinite = writeMerged(layout, inputs, outDir);
  const run = { mergedFrom: inputs.map((i) => i.dir), startedAt, completedAt: new Date().toISOString() };
  const manifest = buildManifest({ ...first.manifest, shard: null }, layout.cellCount, nonFinite, options.command, run);
  writeAtomic(join(outDir, 'manifest.json'), manifestText(manifest));
  return { out: outDir, cellCount: layout.cellCount };
}

function readInput(dir: string): MergeInput {
  const abs = resolve(dir);
  const manifest = readManifest(abs);
  if (existsSync(join(abs, RESUME_DIR)) || (manifest && !existsSync(join(abs, 'cells.jsonl')))) {
    throw new IncompleteError(`${abs} holds an unfinished sweep; rerun its sweep command to finish it, then merge.`);
  }
  if (!manifest) throw new IncompleteError(`${abs} has no manifest.json, so it is not a sweep folder.`);
  const layout = createLayout({ ...(manifest.grid as GridSpec), shard: manifest.shard });
  if (manifest.cellCount !== layout.cellCount) {
    throw new IncompleteError(`${abs}: manifest.json says ${manifest.cellCount} cells, but its grid and shard hold ${layout.cellCount}; the folder is damaged.`);
  }
  return { dir: abs, manifest, layout };
}

/** Refuses an out folder holding another sweep or an unfinished one. */
function prepareOut(out: string, like: Manifest): void {
  mkdirSync(out, { recursive: true });
  if (existsSync(join(out, RESUME_DIR))) throw new SweepError(`${out} holds an unfinished sweep; merge into another --out folder.`);
  const existing = readManifest(out);
  if (existing) {
    const diff = identityDifferences(existing, { ...like, shard: null });
    if (diff.length) throw new ConfigMismatchError(out, diff, 'merged', 'Merge into a new --out folder.');
  }
}

/** Interleaves the inputs' lines in canonical order into out/cells.jsonl and builds summary.csv. */
function writeMerged(layout: GridLayout, inputs: readonly MergeInput[], out: string): number {
  const readers = inputs.map((i) => new LineReader(join(i.dir, 'cells.jsonl')));
  const jsonPath = join(out, 'cells.jsonl');
  const fd = openSync(`${jsonPath}.tmp`, 'w');
  const summary = new SummaryBuilder(layout);
  const stats = new Float64Array(5);
  let text = '';
  try {
    for (let k = 0; k < layout.gridCellCount; k++) {
      const owner = inputs.findIndex((i) => k % i.layout.shardCount === i.layout.shardRest);
      const line = readers[owner]!.next();
      const g = Math.floor(k / layout.seedCount);
      const expect = { arch: layout.groupArch[g]!, depth: layout.groupDepth[g]!, seed: layout.grid.seeds.start + (k % layout.seedCount) };
      const cell = parseLine(line, expect, inputs[owner]!.dir);
      const last = (a: unknown[]) => num(a[a.length - 1]);
      packStats(stats, 0, num(cell['ratio']), num(cell['gradNorms'][0]), last(cell['gradNorms']), last(cell['actNorms']), /"NaN"|Infinity"/.test(line!));
      summary.add(stats, 0);
      text += `${line}\n`;
      if (text.length > 1 << 20) text = flushText(fd, text);
    }
    flushText(fd, text);
    readers.forEach((r, i) => {
      if (r.next() !== null) throw new SweepError(`${inputs[i]!.dir}/cells.jsonl has more lines than its manifest's cell count; the folder is damaged.`);
    });
  } finally {
    closeSync(fd);
    readers.forEach((r) => r.close());
  }
  const csv = summary.finish();
  writeAtomic(join(out, 'summary.csv'), csv);
  renameSync(`${jsonPath}.tmp`, jsonPath);
  return summary.totalNonFinite;
}

type CellLine = Record<string, unknown> & { gradNorms: unknown[]; actNorms: unknown[] };

function parseLine(line: string | null, expect: { arch: string; depth: number; seed: number }, dir: string): CellLine {
  const where = `${dir}/cells.jsonl at arch=${expect.arch} depth=${expect.depth} seed=${expect.seed}`;
  if (line === null) throw new IncompleteError(`${where}: the file ends early; the folder is damaged.`);
  let cell: CellLine;
  try {
    cell = JSON.parse(line) as CellLine;
  } catch {
    throw new SweepError(`${where}: not a JSON line; the folder is damaged.`);
  }
  if (cell.arch !== expect.arch || cell.depth !== expect.depth || cell.seed !== expect.seed || !Array.isArray(cell.gradNorms) || !Array.isArray(cell.actNorms)) {
    throw new SweepError(`${where}: found arch=${String(cell.arch)} depth=${String(cell.depth)} seed=${String(cell.seed)} instead; the folder is damaged.`);
  }
  return cell;
}

/** A JSON value of cells.jsonl as a number ("NaN", "Infinity", "-Infinity" included). */
function num(v: unknown): number {
  return typeof v === 'number' ? v : Number(v);
}

function flushText(fd: number, text: string): string {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  return '';
}
