import { join } from 'node:path';
import { maxOf, CELL_ARRAYS, depthFor, type Arch } from '@resnet/core';
import { CELLS_JSONL, CELLS_PARQUET, variantLabel, type ManifestFile } from '@resnet/sweep/folder';
import { CellsFileError, NO_VALUES, cellsFile, readCells, type CellRow } from '@resnet/sweep/read';
import { ReportError } from '../errors.js';
import type { SweepCell, SweepManifest } from './types.js';

/** Options of readSweepCells. */
export interface ReadSweepCellsOptions {
  /** The profile depth; default the deepest depth the cells hold for every arch. */
  depth?: number;
  /** Keep every cell's per-layer arrays (default false: only at the profile depth). */
  all?: boolean;
  /** Sees every cell with its arrays (all read) before they are dropped off the profile depth: cell.depth is still the net's, gridDepth the grid's value. */
  visit?: (cell: CellRow, variant: string, gridDepth: number) => void;
  /** The cells file's size and crc32 from the manifest, checked as the file is read (readCells' `expect`). */
  expect?: ManifestFile;
}

/** What readSweepCells read. */
export interface SweepCells {
  /** Cells in file (canonical) order; per-layer arrays only at `profileDepth` (empty elsewhere). */
  cells: SweepCell[];
  /** Path of the cells file read (cells.parquet, else cells.jsonl). */
  file: string;
  format: 'parquet' | 'jsonl';
  /** The depth whose cells carry their per-layer arrays. */
  profileDepth: number;
}

/** A cell checked against the grid as streamSweepCells hands it over: its variant's label and its depth in the grid's unit. */
export type OnSweepCell = (c: CellRow, i: number, variant: string, gridDepth: number) => void;

/** What streamSweepCells decodes and checks. */
export interface StreamSweepCellsOptions {
  /** Cells whose per-layer arrays are decoded (by arch and grid depth); default none. */
  arraysFor?: (arch: Arch, gridDepth: number) => boolean;
  /** The cells file's size and crc32 from the manifest, checked on the bytes read (readCells' `expect`). */
  expect?: ManifestFile;
}

/**
 * Streams a sweep folder's cells (@resnet/sweep's readCells: cells.parquet row group by row group, or cells.jsonl
 * line by line) and checks each against the grid, then hands it to onCell (c.depth still the net's own) with its
 * variant's label ('' without variant axes) and its depth in the grid's unit. Arrays are decoded only for cells
 * `arraysFor` wants (by arch and grid depth); with `expect`, the file is refused (a ReportError, once every cell has
 * been handed on) unless its size and crc32 are the manifest's. The file is cells.parquet when the manifest's
 * `formats` has parquet, else cells.jsonl.
 */
export async function streamSweepCells(
  dir: string,
  manifest: Pick<SweepManifest, 'grid' | 'formats'>,
  options: StreamSweepCellsOptions,
  onCell: OnSweepCell,
): Promise<{ file: string; format: 'parquet' | 'jsonl' }> {
  const { arraysFor = () => false, expect } = options;
  const { grid, formats } = manifest;
  const format = formats.includes('parquet') ? 'parquet' : 'jsonl';
  const found = await cellsFile(dir, format);
  if (!found) {
    const file = join(dir, format === 'parquet' ? CELLS_PARQUET : CELLS_JSONL);
    throw new ReportError(
      `${file} does not exist, though manifest.json lists the formats ${formats.join(', ')}. The folder is incomplete or was changed after the sweep; run the sweep again into a new folder.`,
      file,
    );
  }
  const { file } = found;
  const archs = new Set<string>(grid.archs);
  // A cell's depth is its net's (blocks for residual); the figures use the grid's depth value, in its unit.
  const unit = grid.axes?.depthUnit ?? 'native';
  const gridDepth = new Map<string, number>();
  for (const a of grid.archs)
    for (const d of grid.depths)
      gridDepth.set(`${a}|${unit === 'native' ? d : depthFor({ arch: a, unit, value: d })}`, d);
  const toGrid = (a: string, d: number) => gridDepth.get(`${a}|${d}`);
  const { start, count } = grid.seeds;
  await read(
    dir,
    format,
    (a, d) => {
      const at = toGrid(a, d);
      return at !== undefined && arraysFor(a, at);
    },
    (c, i) => {
      const fault = !archs.has(c.arch)
        ? `arch is ${JSON.stringify(c.arch)}; the manifest's grid has ${grid.archs.join(', ')}`
        : toGrid(c.arch, c.depth) === undefined
          ? `depth is ${c.depth}; the manifest's grid has ${grid.depths.join(', ')}${unit === 'native' ? '' : ` (--depth-unit ${unit})`}`
          : c.seed < start || c.seed >= start + count
            ? `seed is ${c.seed}; the manifest's grid has seeds ${start}..${start + count - 1}`
            : null;
      if (fault)
        throw new ReportError(
          `${file} cell ${i + 1} (${c.arch}, depth ${c.depth}, seed ${c.seed}): ${fault}. The cells and the manifest come from different runs; rerun the sweep into an empty folder.`,
          file,
        );
      const variant = grid.axes ? variantLabel(c as unknown as Record<string, unknown>, grid.axes) : '';
      onCell(c, i, variant, toGrid(c.arch, c.depth)!);
    },
    expect,
  );
  return { file, format };
}

/**
 * Reads a sweep folder's cells (streamSweepCells) into memory, for small folders and tests (a report streams its
 * statistics instead: streamSweepStats). Every cell keeps its scalars; only cells at the profile depth keep their
 * per-layer arrays. The profile depth is `depth`, else the deepest depth the cells hold for every arch (a second pass
 * fetches its arrays in the rare folder where that is not the grid's deepest).
 */
export async function readSweepCells(
  dir: string,
  manifest: Pick<SweepManifest, 'grid' | 'formats'>,
  options: ReadSweepCellsOptions = {},
): Promise<SweepCells> {
  const { grid } = manifest;
  const { depth, all = false, visit } = options;
  // A grid with list axes labels every cell, '' for a net no listed axis applies to (a plain net, residual-only axes).
  const variants = grid.axes !== undefined && Object.keys(grid.axes).some((k) => k !== 'depthUnit');
  const want = depth ?? maxOf(grid.depths);
  const cells: SweepCell[] = [];
  const { file, format } = await streamSweepCells(
    dir,
    manifest,
    { arraysFor: (_, d) => all || visit !== undefined || d === want, expect: options.expect },
    (c, _i, variant, gridDepth) => {
      // visit sees the net's own depth in c.depth (blocks for residual) and the grid's value apart.
      visit?.(c, variant, gridDepth);
      c.depth = gridDepth;
      if (visit && !all && c.depth !== want) for (const k of CELL_ARRAYS) c[k] = NO_VALUES;
      cells.push(variants ? Object.assign(c, { variant }) : c);
    },
  );
  if (depth !== undefined) return { cells, file, format, profileDepth: depth };
  // The default profile depth is the deepest one every arch has in the cells (a complete folder: the grid's deepest).
  const seen = new Set(cells.map((c) => `${c.arch}|${c.depth}`));
  const common = grid.depths.filter((d) => grid.archs.every((a) => seen.has(`${a}|${d}`)));
  const deepest = common.length ? maxOf(common) : want;
  if (deepest !== want && !all) {
    for (const c of cells) if (c.depth === want) for (const k of CELL_ARRAYS) c[k] = NO_VALUES;
    await streamSweepCells(dir, manifest, { arraysFor: (_, d) => d === deepest }, (c, i, _variant, gridDepth) => {
      if (gridDepth === deepest) for (const k of CELL_ARRAYS) cells[i]![k] = c[k];
    });
  }
  return { cells, file, format, profileDepth: deepest };
}

/** readCells of one format, its CellsFileError as a ReportError naming the file (and line). */
async function read(
  dir: string,
  format: 'parquet' | 'jsonl',
  arraysFor: (arch: Arch, depth: number) => boolean,
  onCell: (c: CellRow, i: number) => void,
  expect?: ManifestFile,
): Promise<void> {
  try {
    await readCells(dir, onCell, { arraysFor, format, expect });
  } catch (e) {
    if (!(e instanceof CellsFileError)) throw e;
    const line = /^line (\d+)$/.exec(e.where ?? '');
    throw new ReportError(e.message, e.file, line ? Number(line[1]) : undefined);
  }
}
