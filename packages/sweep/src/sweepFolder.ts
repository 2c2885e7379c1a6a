import { createHash } from 'node:crypto';
import { AXES, axisFlag, type SweepAxes } from './axes.js';
import { differenceList } from './folder/differences.js';
import {
  pickKeys,
  type Differences,
  type FolderFormat,
  type FolderIdentity,
  type ManifestBase,
} from './folder/format.js';
import { readFolderManifest } from './folder/manifest.js';
import {
  CELL_FILES,
  CELL_STATS,
  OLDER_SWEEP_FORMATS,
  SUMMARY_CSV,
  SWEEP_FORMAT,
  type OutputFormat,
} from './folder/names.js';
import { folderVersions } from './folder/versions.js';
import type { Shard } from './shard.js';
import type { GridSpec } from './types.js';

// The gradient sweep's folder format (`resnet-sweep/2`, docs/sweep-format.md): its identity, manifest and files.

/** The grid as manifest.json records it (and as configHash hashes it, in this key order). */
export interface ManifestGrid {
  archs: string[];
  depths: number[];
  seeds: { start: number; count: number };
  width: number;
  inputSize: number;
  /** The non-default variant axes (expressions as text); absent when every axis is the notebook's. */
  axes?: SweepAxes;
}

/** What a sweep folder computes: equal identities may share a folder (resume); unequal ones never mix. */
export interface SweepIdentity extends FolderIdentity {
  grid: ManifestGrid;
}

/** manifest.json of a sweep folder: the identity, counts, files, the command and how the run went. */
export interface Manifest extends SweepIdentity, ManifestBase {
  /** Cells in the folder (the shard's, or the grid's). */
  cellCount: number;
}

/** The canonical grid of a sweep (its shard left out: shards of one grid share it). */
export function manifestGrid(grid: GridSpec): ManifestGrid {
  return {
    archs: [...grid.archs],
    depths: [...grid.depths],
    seeds: { start: grid.seeds.start, count: grid.seeds.count },
    width: grid.width,
    inputSize: grid.inputSize,
    ...(grid.axes ? { axes: structuredClone(grid.axes) } : {}),
  };
}

/** sha256 (hex) of the canonical grid's JSON; a default grid (no axes) keeps the hash it had before axes existed. */
export function configHash(grid: ManifestGrid): string {
  const canonical = {
    archs: grid.archs,
    depths: grid.depths,
    seeds: { start: grid.seeds.start, count: grid.seeds.count },
    width: grid.width,
    inputSize: grid.inputSize,
    ...(grid.axes ? { axes: grid.axes } : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The identity of a sweep of this grid and formats, with the installed package versions. */
export function sweepIdentity(grid: GridSpec, formats: readonly OutputFormat[]): SweepIdentity {
  const g = manifestGrid(grid);
  return {
    format: SWEEP_FORMAT,
    grid: g,
    configHash: configHash(g),
    shard: grid.shard ? { ...grid.shard } : null,
    formats: [...formats],
    versions: folderVersions(),
  };
}

/** Depths in the flag's own syntax: `5..40` when contiguous, else a list. */
export function describeDepths(depths: readonly number[] | undefined): string {
  if (!depths || depths.length === 0) return 'none';
  const contiguous = depths.every((d, i) => i === 0 || d === depths[i - 1]! + 1);
  return contiguous && depths.length > 2 ? `${depths[0]}..${depths[depths.length - 1]}` : depths.join(',');
}

/** Seeds in the flag's own syntax: `0..99`. */
export function describeSeeds(s: { start: number; count: number } | undefined): string {
  return s ? `${s.start}..${s.start + s.count - 1}` : 'none';
}

const list = (v: string[] | undefined) => (v ? v.join(',') : 'none');
const axisValue = (v: unknown) => (v === undefined ? 'the default' : Array.isArray(v) ? v.join(',') : String(v));

/** Differences between a sweep folder's identity and a requested one, one line each, flags named. */
export const identityDifferences: Differences<SweepIdentity> = (folder, requested, labels) => {
  const { lines, compare } = differenceList(labels);
  const g = folder?.grid;
  compare('format', folder?.format, requested.format);
  compare('--archs', g?.archs, requested.grid.archs, list);
  compare('--depths', g?.depths, requested.grid.depths, describeDepths);
  compare('--seeds', g?.seeds, requested.grid.seeds, describeSeeds);
  compare('--width', g?.width, requested.grid.width);
  compare('--input-size', g?.inputSize, requested.grid.inputSize);
  for (const a of AXES) compare(axisFlag(a), g?.axes?.[a.name], requested.grid.axes?.[a.name], axisValue);
  compare('--depth-unit', g?.axes?.depthUnit, requested.grid.axes?.depthUnit, axisValue);
  compare('--shard', folder?.shard, requested.shard, (s: Shard | null) =>
    s ? `${s.index}/${s.count}` : 'none (whole grid)',
  );
  compare('--format', folder?.formats, requested.formats, list);
  compare('@resnet/core version', folder?.versions?.['@resnet/core'], requested.versions['@resnet/core']);
  return lines;
};

/** The sweep folder format: `resnet-sweep/2`. */
export const SWEEP_FOLDER: FolderFormat<SweepIdentity, Manifest> = {
  tag: SWEEP_FORMAT,
  older: OLDER_SWEEP_FORMATS,
  words: { kind: 'sweep', command: 'sweep', items: 'cells', item: 'cell' },
  outputs: (formats) => [...formats.map((f) => CELL_FILES[f]), CELL_STATS, SUMMARY_CSV],
  identity: (m) => pickKeys(m, 'format grid configHash shard formats versions'),
  manifest: (id, b) =>
    pickKeys(
      {
        ...id,
        cellCount: b.rows,
        nonFinite: b.fields.nonFinite,
        blocks: b.blocks,
        files: b.files,
        command: b.command,
        run: b.run,
      },
      'format grid configHash cellCount shard formats blocks nonFinite versions files command run',
    ),
  rows: (m) => m.cellCount,
  differences: identityDifferences,
};

/** Reads manifest.json of a sweep folder: null when there is none; refuses other formats (older versions) with a clear message. */
export function readManifest(folder: string): Manifest | null {
  return readFolderManifest(folder, SWEEP_FOLDER);
}
