import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Shard } from './shard.js';
import type { GridSpec } from './types.js';

/** Format tag of the output folder (docs/sweep-format.md). */
export const SWEEP_FORMAT = 'resnet-sweep/1';

/** The grid as manifest.json records it (and as configHash hashes it, in this key order). */
export interface ManifestGrid {
  archs: string[];
  depths: number[];
  seeds: { start: number; count: number };
  width: number;
  inputSize: number;
}

/** What a folder computes: equal identities may share a folder (resume); unequal ones never mix. */
export interface SweepIdentity {
  format: string;
  grid: ManifestGrid;
  configHash: string;
  shard: Shard | null;
  versions: Record<string, string>;
}

/** manifest.json as written: the identity, counts, the command and how the run went. */
export interface Manifest extends SweepIdentity {
  cellCount: number;
  /** Cells with at least one non-finite metric. */
  nonFinite: number;
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
  };
}

/** sha256 (hex) of the canonical grid's JSON. */
export function configHash(grid: ManifestGrid): string {
  const canonical = { archs: grid.archs, depths: grid.depths, seeds: { start: grid.seeds.start, count: grid.seeds.count }, width: grid.width, inputSize: grid.inputSize };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The identity of a sweep of this grid, computed with the installed package versions. */
export function sweepIdentity(grid: GridSpec): SweepIdentity {
  const g = manifestGrid(grid);
  return { format: SWEEP_FORMAT, grid: g, configHash: configHash(g), shard: grid.shard ? { ...grid.shard } : null, versions: packageVersions() };
}

/** Builds manifest.json's object in its documented key order. */
export function buildManifest(id: SweepIdentity, cellCount: number, nonFinite: number, command: string | undefined, run: Record<string, unknown>): Manifest {
  return {
    format: id.format, grid: id.grid, configHash: id.configHash, cellCount, shard: id.shard, nonFinite, versions: id.versions,
    ...(command === undefined ? {} : { command }), run,
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
    : Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length ? `${open}\n${entries.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

/** Differences between a folder's identity and a requested one, one line each (empty when they match). */
export function identityDifferences(folder: SweepIdentity, requested: SweepIdentity, labels = ['folder has', 'requested']): string[] {
  const out: string[] = [];
  const cmp = (field: string, a: unknown, b: unknown, show: (v: never) => string = JSON.stringify) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${field}: ${labels[0]} ${show(a as never)}, ${labels[1]} ${show(b as never)}`);
  };
  cmp('format', folder.format, requested.format);
  cmp('--archs', folder.grid?.archs, requested.grid.archs, (v: string[]) => (v ? v.join(',') : 'none'));
  cmp('--depths', folder.grid?.depths, requested.grid.depths, describeDepths);
  cmp('--seeds', folder.grid?.seeds, requested.grid.seeds, describeSeeds);
  cmp('--width', folder.grid?.width, requested.grid.width);
  cmp('--input-size', folder.grid?.inputSize, requested.grid.inputSize);
  cmp('--shard', folder.shard, requested.shard, (s: Shard | null) => (s ? `${s.index}/${s.count}` : 'none (whole grid)'));
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
  const sweep = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return { '@resnet/core': core.version, '@resnet/sweep': sweep.version, node: process.version };
}
