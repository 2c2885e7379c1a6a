import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CELLS_JSONL, CELLS_PARQUET, MANIFEST_JSON, SUMMARY_CSV } from '@resnet/sweep/folder';
import { sweepFolderProblems } from '@resnet/sweep/read';
import { ReportError, ReportOptionsError } from '../errors.js';
import { parseManifest } from './parseManifest.js';
import { parseSummary } from './parseSummary.js';
import { readSweepCells, type ReadSweepCellsOptions } from './readSweepCells.js';
import type { SummaryTable, SweepData, SweepManifest } from './types.js';

/** Options of loadSweep. */
export interface LoadSweepOptions {
  /** Depth whose cells keep their per-layer arrays (figures 1 and 3); default the deepest depth swept for every arch. */
  depth?: number;
  /** 'all' keeps every cell's per-layer arrays (small folders, tests); default 'profile': only at the profile depth. */
  arrays?: 'profile' | 'all';
  /** Given the manifest, may return a visitor that sees every cell with its per-layer arrays, once, as it streams in (readSweepCells' visit). */
  visit?: (manifest: SweepManifest) => ReadSweepCellsOptions['visit'];
}

const HOLDS = `${CELLS_PARQUET} (or ${CELLS_JSONL}), ${SUMMARY_CSV}, ${MANIFEST_JSON}`;

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`;
    throw new ReportError(
      `${file} ${why}. A sweep folder holds ${HOLDS}, as \`resnet sweep --out DIR\` writes them; if the sweep was interrupted, run it again.`,
      file,
    );
  }
}

/** A sweep folder's small files, read and checked: manifest.json and summary.csv (the cells are streamed apart). */
export interface SweepHead {
  /** The folder as given, and absolute. */
  dir: string;
  root: string;
  paths: { summary: string; manifest: string };
  manifest: SweepManifest;
  summary: SummaryTable;
}

/**
 * Reads and checks a sweep folder's manifest.json and summary.csv, and the folder against its manifest
 * (sweepFolderProblems): the files `streamedOf(manifest)` names are left to the reader that streams them, which checks
 * their size and crc32 on the bytes it reads. `depth`, when given, must be a swept one.
 */
export async function readSweepHead(
  dir: string,
  depth: number | undefined,
  streamedOf: (manifest: SweepManifest) => readonly string[],
): Promise<SweepHead> {
  const root = resolve(dir);
  const ok = await stat(root).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!ok)
    throw new ReportError(
      `${root} is not a folder. Pass the output folder of \`resnet sweep\` (it holds ${HOLDS}).`,
      root,
    );
  const paths = { summary: join(root, SUMMARY_CSV), manifest: join(root, MANIFEST_JSON) };
  // The manifest first (cells are checked against its grid), and the summary: both small.
  const [manifestText, summaryText] = await Promise.all([read(paths.manifest), read(paths.summary)]);
  const manifest = parseManifest(manifestText, paths.manifest);
  const summary = parseSummary(summaryText, paths.summary);
  if (depth !== undefined && !manifest.grid.depths.includes(depth)) {
    throw new ReportOptionsError('depth', depth, `one of the swept depths (${manifest.grid.depths.join(', ')})`);
  }
  const streamed = streamedOf(manifest);
  // Only what the manifest vouches for is drawn: its counts, every file's size, summary.csv's crc32 here, the
  // files the caller streams (`streamed`) checked for size and crc32 by their readers as they stream in (read once).
  const problems = sweepFolderProblems(root, manifest.raw, { streamed, crcOf: [SUMMARY_CSV] });
  if (problems.length)
    throw new ReportError(
      `${root} does not hold what its ${MANIFEST_JSON} says: ${problems.join('; ')}. Rerun its sweep command (it checks the folder and recomputes what is damaged), then report.`,
      paths.manifest,
    );
  return { dir, root, paths, manifest, summary };
}

/** The cells file a report reads: cells.parquet when the manifest's `formats` has parquet, else cells.jsonl. */
export const cellsFileName = (manifest: Pick<SweepManifest, 'formats'>): string =>
  manifest.formats.includes('parquet') ? CELLS_PARQUET : CELLS_JSONL;

/** A cells file whose count disagrees with the manifest's cellCount: a partial or mixed folder, refused. */
export function checkCellCount(count: number, cellCount: number, file: string, manifestPath: string): void {
  if (count !== cellCount) {
    throw new ReportError(
      `${file} has ${count} cells but ${manifestPath} says cellCount ${cellCount}. ` +
        'The sweep may not have finished, or the files come from different runs; run the sweep again into an empty folder.',
      file,
    );
  }
  if (count === 0)
    throw new ReportError(
      `${file} holds no cells; there is nothing to plot. Run a sweep with at least one cell.`,
      file,
    );
}

/**
 * Reads and checks a sweep output folder (manifest.json, summary.csv, and the cells streamed from
 * cells.parquet or cells.jsonl) into memory; throws ReportError naming the file and the fault. Every cell keeps its
 * scalars; per-layer arrays are kept only at the profile depth (see SweepData.profileDepth). For small folders and
 * tests: a report streams its statistics instead (streamSweepStats).
 */
export async function loadSweep(dir: string, options: LoadSweepOptions = {}): Promise<SweepData> {
  // 1. The manifest and the summary, and the folder's files against the manifest (the cells file as it streams).
  const { root, paths, manifest, summary } = await readSweepHead(dir, options.depth, (m) => [cellsFileName(m)]);
  const cellsName = cellsFileName(manifest);
  // 2. The cells, streamed.
  const got = await readSweepCells(root, manifest, {
    depth: options.depth,
    all: options.arrays === 'all',
    visit: options.visit?.(manifest),
    expect: manifest.files[cellsName],
  });
  const { cells } = got;
  // 3. A count mismatch means a partial or mixed folder: refuse rather than plot part of a sweep.
  checkCellCount(cells.length, manifest.cellCount, got.file, paths.manifest);
  return {
    dir,
    files: { cells: got.file, summary: paths.summary, manifest: paths.manifest },
    format: got.format,
    profileDepth: got.profileDepth,
    manifest,
    cells,
    summary,
  };
}
