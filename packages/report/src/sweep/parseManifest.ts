import { ReportError, describe } from '../errors.js';
import type { ArchName } from '../theme.js';
import { ARCHS } from '@resnet/core';
import {
  OLDER_SWEEP_FORMATS,
  OUTPUT_FORMATS,
  SWEEP_FORMAT,
  type OutputFormat,
  type ManifestFile,
} from '@resnet/sweep/folder';
import type { SweepGrid, SweepManifest } from './types.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Parses and checks manifest.json (format SWEEP_FORMAT); throws ReportError naming the file and field. */
export function parseManifest(text: string, file: string): SweepManifest {
  const fail = (what: string): never => {
    throw new ReportError(
      `${file}: ${what}. Expected a manifest written by \`resnet sweep\` (format "${SWEEP_FORMAT}", see docs/sweep-format.md).`,
      file,
    );
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) return fail(`holds ${describe(raw)}, not a JSON object`);
  // 1. Format tag: refuse other formats rather than misread them.
  if (OLDER_SWEEP_FORMATS.includes(raw.format as string))
    fail(
      `format is "${String(raw.format)}": the folder was made by an older version; rerun the sweep into a new folder`,
    );
  if (raw.format !== SWEEP_FORMAT) fail(`format is ${describe(raw.format)}, not "${SWEEP_FORMAT}"`);
  // 2. The grid.
  const grid = raw.grid;
  if (!isObject(grid)) return fail('has no "grid" object');
  const archs = grid.archs;
  if (
    !Array.isArray(archs) ||
    archs.length === 0 ||
    !archs.every((a) => typeof a === 'string' && (ARCHS as readonly string[]).includes(a))
  ) {
    fail(
      `grid.archs is ${describe(archs)}; expected a non-empty array of ${ARCHS.map((a) => `"${a}"`).join(' and/or ')}`,
    );
  }
  const depths = grid.depths;
  if (!Array.isArray(depths) || depths.length === 0 || !depths.every((d) => isInt(d, 1))) {
    fail(`grid.depths is ${describe(depths)}; expected a non-empty array of positive integers`);
  }
  const seeds = grid.seeds;
  if (!isObject(seeds) || !isInt(seeds.start, 0) || !isInt(seeds.count, 1))
    fail('grid.seeds must be {"start": integer >= 0, "count": integer >= 1}');
  // 3. Counts and the optional fields.
  if (!isInt(grid.width, 1) || !isInt(grid.inputSize, 1))
    fail(
      `grid.width and grid.inputSize are ${describe(grid.width)} and ${describe(grid.inputSize)}; expected integers >= 1`,
    );
  if (!isInt(raw.cellCount, 0)) fail(`cellCount is ${describe(raw.cellCount)}; expected an integer >= 0`);
  const formats = raw.formats;
  if (
    !Array.isArray(formats) ||
    formats.length === 0 ||
    !formats.every((f) => (OUTPUT_FORMATS as readonly unknown[]).includes(f))
  ) {
    fail(
      `formats is ${describe(formats)}; expected a non-empty array of ${OUTPUT_FORMATS.map((f) => `"${f}"`).join(', ')}`,
    );
  }
  const files = raw.files;
  if (
    !isObject(files) ||
    !Object.values(files).every((f) => isObject(f) && isInt(f.bytes, 0) && typeof f.crc32 === 'string')
  ) {
    fail('files must map each published file to {"bytes": integer, "crc32": "8 hex digits"}');
  }
  const blocks = raw.blocks;
  if (!isObject(blocks) || !isInt(blocks.count, 0) || !isInt(blocks.first, 0) || !isInt(blocks.last, 0))
    fail('blocks must be {"count", "first", "last"} integers >= 0');
  const b = blocks as Json;
  const shard =
    isObject(raw.shard) && isInt(raw.shard.index, 0) && isInt(raw.shard.count, 1)
      ? { index: raw.shard.index, count: raw.shard.count }
      : null;
  const versions: Record<string, string> = {};
  if (isObject(raw.versions))
    for (const [k, v] of Object.entries(raw.versions)) if (typeof v === 'string') versions[k] = v;
  const s = seeds as Json;
  return {
    format: SWEEP_FORMAT,
    grid: {
      archs: archs as ArchName[],
      depths: depths as number[],
      seeds: { start: s.start as number, count: s.count as number },
      width: grid.width as number,
      inputSize: grid.inputSize as number,
      ...(isObject(grid.axes) ? { axes: grid.axes as SweepGrid['axes'] } : {}),
    },
    configHash: typeof raw.configHash === 'string' ? raw.configHash : null,
    cellCount: raw.cellCount as number,
    shard,
    formats: formats as OutputFormat[],
    blocks: { count: b.count as number, first: b.first as number, last: b.last as number },
    nonFinite: isInt(raw.nonFinite, 0) ? raw.nonFinite : 0,
    versions,
    files: files as Record<string, ManifestFile>,
    command: typeof raw.command === 'string' ? raw.command : null,
    run: isObject(raw.run) ? raw.run : null,
    raw,
  };
}
