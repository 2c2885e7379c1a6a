import { ReportError, describe } from '../errors.js';
import type { ArchName } from '../theme.js';
import { SWEEP_FORMAT, type SweepManifest } from './types.js';

const ARCHS: readonly string[] = ['plain', 'residual'];
type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const isInt = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

/** Parses and checks manifest.json (format SWEEP_FORMAT); throws ReportError naming the file and field. */
export function parseManifest(text: string, file: string): SweepManifest {
  const fail = (what: string): never => {
    throw new ReportError(`${file}: ${what}. Expected a manifest written by \`resnet sweep\` (format "${SWEEP_FORMAT}", see docs/sweep-format.md).`, file);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) return fail(`holds ${describe(raw)}, not a JSON object`);
  // 1. Format tag: refuse other formats rather than misread them.
  if (raw.format === 'resnet-sweep/1') fail(`format is "resnet-sweep/1": the folder was made by an older version; rerun the sweep into a new folder`);
  if (raw.format !== SWEEP_FORMAT) fail(`format is ${describe(raw.format)}, not "${SWEEP_FORMAT}"`);
  // 2. The grid.
  const grid = raw.grid;
  if (!isObject(grid)) return fail('has no "grid" object');
  const archs = grid.archs;
  if (!Array.isArray(archs) || archs.length === 0 || !archs.every((a) => typeof a === 'string' && ARCHS.includes(a))) {
    fail(`grid.archs is ${describe(archs)}; expected a non-empty array of "plain" and/or "residual"`);
  }
  const depths = grid.depths;
  if (!Array.isArray(depths) || depths.length === 0 || !depths.every((d) => isInt(d, 1))) {
    fail(`grid.depths is ${describe(depths)}; expected a non-empty array of positive integers`);
  }
  const seeds = grid.seeds;
  if (!isObject(seeds) || !isInt(seeds.start, 0) || !isInt(seeds.count, 1)) fail('grid.seeds must be {"start": integer >= 0, "count": integer >= 1}');
  // 3. Counts and the optional fields.
  if (!isInt(raw.cellCount, 0)) fail(`cellCount is ${describe(raw.cellCount)}; expected an integer >= 0`);
  const shard = isObject(raw.shard) && isInt(raw.shard.index, 0) && isInt(raw.shard.count, 1) ? { index: raw.shard.index, count: raw.shard.count } : null;
  const versions: Record<string, string> = {};
  if (isObject(raw.versions)) for (const [k, v] of Object.entries(raw.versions)) if (typeof v === 'string') versions[k] = v;
  const s = seeds as Json;
  return {
    format: SWEEP_FORMAT,
    grid: {
      archs: archs as ArchName[],
      depths: depths as number[],
      seeds: { start: s.start as number, count: s.count as number },
      width: isInt(grid.width, 1) ? grid.width : null,
      inputSize: isInt(grid.inputSize, 1) ? grid.inputSize : null,
    },
    configHash: typeof raw.configHash === 'string' ? raw.configHash : null,
    cellCount: raw.cellCount as number,
    shard,
    versions,
    command: typeof raw.command === 'string' ? raw.command : null,
    run: isObject(raw.run) ? raw.run : null,
    raw,
  };
}
