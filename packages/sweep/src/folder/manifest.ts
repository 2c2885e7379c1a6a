import type { ErrorKind } from '@resnet/core';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SweepError } from '../errors.js';
import type { Shard } from '../shard.js';
import type { GridSpec } from '../types.js';
import { AXIS_FLAGS, AXIS_NAMES, type SweepAxes } from '../axes.js';
import { MANIFEST_JSON, SWEEP_FORMAT, type CellFormat } from './names.js';

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

/** What a folder computes: equal identities may share a folder (resume); unequal ones never mix. */
export interface SweepIdentity {
  format: string;
  grid: ManifestGrid;
  configHash: string;
  shard: Shard | null;
  /** Output formats of the cells, in the order given. */
  formats: CellFormat[];
  versions: Record<string, string>;
}

/** Size and crc32 (8 hex digits) of a published file. */
export interface ManifestFile {
  bytes: number;
  crc32: string;
}

/** manifest.json as written: the identity, counts, files, the command and how the run went. */
export interface Manifest extends SweepIdentity {
  cellCount: number;
  /** Blocks of the grid (`count`) and the range [first, last) this folder holds. */
  blocks: { count: number; first: number; last: number };
  /** Cells with at least one non-finite metric. */
  nonFinite: number;
  /** Every published file but manifest.json: size and crc32. */
  files: Record<string, ManifestFile>;
  command?: string;
  run: Record<string, unknown>;
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

/** sha256 (hex) of the canonical grid's JSON. */
export function configHash(grid: ManifestGrid): string {
  const canonical = {
    archs: grid.archs,
    depths: grid.depths,
    seeds: { start: grid.seeds.start, count: grid.seeds.count },
    width: grid.width,
    inputSize: grid.inputSize,
    // Only a grid with non-default axes hashes them: a default grid keeps its hash.
    ...(grid.axes ? { axes: grid.axes } : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The identity of a sweep of this grid and formats, with the installed package versions. */
export function sweepIdentity(grid: GridSpec, formats: readonly CellFormat[]): SweepIdentity {
  const g = manifestGrid(grid);
  return {
    format: SWEEP_FORMAT,
    grid: g,
    configHash: configHash(g),
    shard: grid.shard ? { ...grid.shard } : null,
    formats: [...formats],
    versions: packageVersions(),
  };
}

/** The parts of manifest.json beyond the identity. */
export interface ManifestBody {
  cellCount: number;
  blocks: Manifest['blocks'];
  nonFinite: number;
  files: Record<string, ManifestFile>;
  command: string | undefined;
  run: Record<string, unknown>;
}

/** Builds manifest.json's object in its documented key order. */
export function buildManifest(id: SweepIdentity, body: ManifestBody): Manifest {
  return {
    format: id.format,
    grid: id.grid,
    configHash: id.configHash,
    cellCount: body.cellCount,
    shard: id.shard,
    formats: id.formats,
    blocks: body.blocks,
    nonFinite: body.nonFinite,
    versions: id.versions,
    files: body.files,
    ...(body.command === undefined ? {} : { command: body.command }),
    run: body.run,
  };
}

/** manifest.json text: two-space indented JSON, arrays of numbers or strings on one line, a final newline. */
export function manifestText(m: Manifest | SweepIdentity): string {
  return `${pretty(m, '')}\n`;
}

function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => `${inner}${pretty(v, inner)}`)
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length ? `${open}\n${entries.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

/** Reads manifest.json of a folder: null when there is none; refuses other formats (older versions) with a clear message. */
export function readManifest(folder: string): Manifest | null {
  const path = join(folder, MANIFEST_JSON);
  if (!existsSync(path)) return null;
  const manifest = readJson(path) as Manifest;
  checkFormat(folder, manifest?.format);
  return manifest;
}

/** Throws unless `format` is this version's SWEEP_FORMAT. */
export function checkFormat(folder: string, format: unknown): void {
  if (format === SWEEP_FORMAT) return;
  const older = typeof format === 'string' && /^resnet-sweep\/1$/.test(format);
  throw new FolderFormatError(
    folder,
    older
      ? `${folder} was made by an older version (format ${format}; this version writes ${SWEEP_FORMAT}). Rerun the sweep into a new folder.`
      : `${folder} is not a sweep folder this version can use (format ${JSON.stringify(format)}, expected ${SWEEP_FORMAT}). Choose another folder.`,
  );
}

/** A folder holds another format (an older version's, or not a sweep at all). */
export class FolderFormatError extends SweepError {
  override name = 'FolderFormatError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a JSON file; a SweepError naming the file when it is not JSON. */
export function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SweepError(
      `${path} is not valid JSON (${(e as Error).message}); it is not a sweep folder this version can use.`,
    );
  }
}

/** Differences between a folder's identity and a requested one, one line each (empty when they match). */
export function identityDifferences(
  folder: SweepIdentity,
  requested: SweepIdentity,
  labels = ['folder has', 'requested'],
): string[] {
  const out: string[] = [];
  const cmp = (field: string, a: unknown, b: unknown, show: (v: never) => string = JSON.stringify) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${field}: ${labels[0]} ${show(a as never)}, ${labels[1]} ${show(b as never)}`);
  };
  cmp('format', folder.format, requested.format);
  cmp('--archs', folder.grid?.archs, requested.grid.archs, (v: string[]) => (v ? v.join(',') : 'none'));
  cmp('--depths', folder.grid?.depths, requested.grid.depths, describeDepths);
  cmp('--seeds', folder.grid?.seeds, requested.grid.seeds, describeSeeds);
  cmp('--width', folder.grid?.width, requested.grid.width);
  cmp('--input-size', folder.grid?.inputSize, requested.grid.inputSize);
  for (const name of [...AXIS_NAMES, 'depthUnit'] as const) {
    const show = (v: unknown) => (v === undefined ? 'the default' : Array.isArray(v) ? v.join(',') : String(v));
    cmp(AXIS_FLAGS[name], folder.grid?.axes?.[name], requested.grid.axes?.[name], show);
  }
  cmp('--shard', folder.shard, requested.shard, (s: Shard | null) =>
    s ? `${s.index}/${s.count}` : 'none (whole grid)',
  );
  cmp('--format', folder.formats, requested.formats, (v: string[]) => (v ? v.join(',') : 'none'));
  cmp('@resnet/core version', folder.versions?.['@resnet/core'], requested.versions['@resnet/core']);
  return out;
}

/** Depths in the flag's own syntax: `5..40` when contiguous, else a list. */
export function describeDepths(depths: readonly number[] | undefined): string {
  if (!depths || depths.length === 0) return 'none';
  const contiguous = depths.every((d, i) => i === 0 || d === depths[i - 1]! + 1);
  return contiguous && depths.length > 2 ? `${depths[0]}..${depths[depths.length - 1]}` : depths.join(',');
}

function describeSeeds(s: { start: number; count: number } | undefined): string {
  return s ? `${s.start}..${s.start + s.count - 1}` : 'none';
}

/** Versions of @resnet/core, @resnet/sweep and node. */
export function packageVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const coreEntry = require.resolve('@resnet/core');
  const core = JSON.parse(readFileSync(join(dirname(coreEntry), '..', 'package.json'), 'utf8')) as { version: string };
  const sweep = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return { '@resnet/core': core.version, '@resnet/sweep': sweep.version, node: process.version };
}
