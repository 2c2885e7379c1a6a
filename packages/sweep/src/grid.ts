import { ARCHS, type Arch } from '@resnet/core';
import { GridError } from './errors.js';
import { OUTPUT_FORMATS, DEFAULT_OUTPUT_FORMATS, type OutputFormat } from './folder/names.js';

/** Largest seed numpy's RandomState accepts. */
export const MAX_SEED = 0xffffffff;
/** Most distinct depths one grid may list (guards `1..1000000000` before it allocates). */
export const MAX_DEPTH_COUNT = 10_000;

const DEPTHS_EXPECTED =
  'positive integers as a range a..b, a stepped range a..b:s or a list a,b,c (e.g. 5..40, 5..40:5, 5,10,20)';
const SEEDS_EXPECTED = 'a seed count n >= 1 (seeds 0..n-1, e.g. 100) or an inclusive range a..b (e.g. 1000..1099)';

/** Parses `5..40`, `5..40:5`, `5,10,20` (items may be mixed) into ascending distinct depths. */
export function parseDepths(text: string): number[] {
  if (typeof text !== 'string' || text.trim() === '') throw new GridError('--depths', text, DEPTHS_EXPECTED);
  const depths = new Set<number>();
  for (const raw of text.split(',')) {
    const item = raw.trim();
    const m = /^(\d+)(?:\.\.(\d+)(?::(\d+))?)?$/.exec(item);
    if (!m) throw new GridError('--depths', item, DEPTHS_EXPECTED);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    const step = m[3] === undefined ? 1 : Number(m[3]);
    if (a < 1)
      throw new GridError(
        '--depths',
        item,
        DEPTHS_EXPECTED,
        'Depths start at 1 (residual blocks) or 2 (plain layers).',
      );
    if (b < a) throw new GridError('--depths', item, 'an ascending range a..b with a <= b', `Write ${b}..${a}.`);
    if (step < 1) throw new GridError('--depths', item, 'a step s >= 1 in a..b:s');
    if ((b - a) / step + 1 + depths.size > MAX_DEPTH_COUNT) {
      throw new GridError('--depths', item, `at most ${MAX_DEPTH_COUNT} distinct depths`, 'Use a step, e.g. 5..400:5.');
    }
    for (let d = a; d <= b; d += step) depths.add(d);
  }
  return [...depths].sort((x, y) => x - y);
}

/** Parses a seed count (`100` -> seeds 0..99) or an inclusive range (`1000..1099`). */
export function parseSeeds(text: string | number): { start: number; count: number } {
  if (typeof text === 'number') return checkSeeds(String(text), 0, text);
  if (typeof text !== 'string') throw new GridError('--seeds', text, SEEDS_EXPECTED);
  const item = text.trim();
  const count = /^(\d+)$/.exec(item);
  if (count) return checkSeeds(item, 0, Number(count[1]));
  const range = /^(\d+)\.\.(\d+)$/.exec(item);
  if (!range) throw new GridError('--seeds', item, SEEDS_EXPECTED);
  const a = Number(range[1]);
  const b = Number(range[2]);
  if (b < a) throw new GridError('--seeds', item, 'an ascending range a..b with a <= b', `Write ${b}..${a}.`);
  return checkSeeds(item, a, b - a + 1);
}

/** Validates a seed range: count >= 1, every seed a RandomState seed. */
export function checkSeeds(given: unknown, start: number, count: number): { start: number; count: number } {
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new GridError('--seeds', given, SEEDS_EXPECTED, count === 0 ? 'A sweep needs at least one seed.' : undefined);
  }
  if (!Number.isSafeInteger(start) || start < 0 || start + count - 1 > MAX_SEED) {
    throw new GridError('--seeds', given, `seeds from 0 to ${MAX_SEED} (numpy RandomState's range)`);
  }
  return { start, count };
}

/** Checks a list option (`flag`): a non-empty list of `accepted` words, order kept, repeats dropped. */
function checkWords<T extends string>(flag: string, items: unknown, accepted: readonly T[], expected: string): T[] {
  if (!Array.isArray(items) || items.length === 0) throw new GridError(flag, items, expected);
  for (const item of items) if (!accepted.includes(item as T)) throw new GridError(flag, item, expected);
  return [...new Set(items as T[])];
}

/** A comma list's items, trimmed (a usage error naming `flag` when there is no text). */
function commaItems(flag: string, text: unknown, expected: string): string[] {
  if (typeof text !== 'string' || text.trim() === '') throw new GridError(flag, text, expected);
  return text.split(',').map((item) => item.trim());
}

const archList = (expected: string) => `${expected} of ${ARCHS.join(', ')}`;
const formatList = (expected: string) => `${expected} of ${OUTPUT_FORMATS.join(', ')}`;

/**
 * A plain net needs an input and an output layer: with the plain arch and native depths, the shallowest depth must
 * be at least 2 (a depth unit other than native is checked per net by core's depthFor).
 */
export function checkPlainDepth(shallowest: number, archs: readonly Arch[], unit: boolean): void {
  if (!unit && archs.includes('plain') && shallowest < 2) {
    throw new GridError(
      '--depths',
      shallowest,
      'depths >= 2 with the plain arch (a plain net needs at least an input and an output layer)',
      'Residual depths count blocks and may start at 1: use --archs residual for depth 1.',
    );
  }
}

/** Parses `plain,residual` (any order, kept as given; duplicates dropped). */
export function parseArchs(text: string): Arch[] {
  const expected = archList('a comma-separated list');
  return checkWords('--archs', commaItems('--archs', text, expected), ARCHS, expected);
}

/** Checks architectures (`--archs`): a non-empty list of ARCHS, order kept, repeats dropped; default every arch. */
export function checkArchs(archs: readonly string[] | undefined): Arch[] {
  return archs === undefined ? [...ARCHS] : checkWords('--archs', archs, ARCHS, archList('a non-empty list'));
}

/** Parses `--format parquet,jsonl` (order kept, duplicates dropped). */
export function parseFormats(text: string): OutputFormat[] {
  const expected = formatList('a comma-separated list');
  return checkWords('--format', commaItems('--format', text, expected), OUTPUT_FORMATS, expected);
}

/** Checks output formats (`--format`): a non-empty list, order kept (the order files are listed in), repeats dropped; default parquet. */
export function checkFormats(formats: ReadonlyArray<string> | undefined): OutputFormat[] {
  return formats === undefined
    ? [...DEFAULT_OUTPUT_FORMATS]
    : checkWords('--format', formats, OUTPUT_FORMATS, formatList('a non-empty comma-separated list'));
}
