import { AXIS_COLUMN_NAMES, type AxisColumn } from '../axisColumns.js';
import type { EncodedRowGroup } from '../parquet/encodeColumns.js';
import { encodeColumns, type ColumnValues } from '../parquet/encodeColumns.js';
import type { ColumnSpec } from '../parquet/schema.js';
import { RUN_FINALS, RUN_LISTS, type RunRecord } from './record.js';

/** The columns of runs.parquet before the options. */
const HEAD: readonly ColumnSpec[] = [
  { name: 'arch', kind: 'string' },
  { name: 'depth', kind: 'int32' },
  { name: 'seed', kind: 'int64' },
];
/** The columns of runs.parquet after the options. */
const TAIL: readonly ColumnSpec[] = [
  { name: 'steps', kind: 'int64' },
  ...RUN_LISTS.map((name) => ({ name, kind: 'list' as const })),
  ...RUN_FINALS.map((name) => ({ name, kind: 'double' as const })),
  { name: 'nonFinite', kind: 'string' },
];
/** Column names runs.parquet always has (an option must not take one). */
export const RUN_FIXED_COLUMNS: readonly string[] = [...HEAD, ...TAIL].map((c) => c.name);

/**
 * The columns of runs.parquet for runs with these resolved options (one run's, arch/depth/seed left
 * out; every run of a folder has the same keys and types): arch, depth, seed, then every option in
 * core's order (numbers DOUBLE, strings UTF8, booleans BOOLEAN), steps, the per-epoch lists, the finals,
 * nonFinite, then a grid's axis columns (axisColumns(axes, 'runs')).
 */
export function runColumns(options: Readonly<Record<string, unknown>>, axes: readonly AxisColumn[] = []): ColumnSpec[] {
  const opts = Object.entries(options).map(([name, v]): ColumnSpec => {
    if (RUN_FIXED_COLUMNS.includes(name))
      throw new RangeError(`runColumns: option ${name} would repeat a column of runs.parquet`);
    const kind =
      typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? 'double' : typeof v === 'string' ? 'string' : null;
    if (!kind)
      throw new RangeError(
        `runColumns: option ${name} is ${JSON.stringify(v)}; runs.parquet stores numbers, strings and booleans`,
      );
    return { name, kind };
  });
  return [...HEAD, ...opts, ...TAIL, ...axes.map((c) => ({ name: c.name, kind: c.kind }))];
}

/** Where a runs.parquet schema's fixed tail (steps ... nonFinite) starts: after the options. */
function tailStart(columns: readonly ColumnSpec[]): number {
  const at = columns.findIndex((c, i) => i >= HEAD.length && c.name === TAIL[0]!.name);
  return at < 0 ? columns.length : at;
}

/** The options columns of a runs.parquet schema: those between seed and steps. */
export function optionColumns(columns: readonly ColumnSpec[]): ColumnSpec[] {
  return columns.slice(HEAD.length, tailStart(columns));
}

/** The axis columns of a runs.parquet schema: those after nonFinite. */
export function runAxisColumns(columns: readonly ColumnSpec[]): ColumnSpec[] {
  return columns.slice(tailStart(columns) + TAIL.length);
}

/** Whether columns are runs.parquet's: the fixed columns with their kinds around any option columns, then any axis columns (else what differs). */
export function runColumnsFault(columns: readonly ColumnSpec[]): string | null {
  const tail = tailStart(columns);
  const fixed = [...columns.slice(0, HEAD.length), ...columns.slice(tail, tail + TAIL.length)];
  const want = [...HEAD, ...TAIL];
  const same =
    fixed.length === want.length && fixed.every((c, i) => c.name === want[i]!.name && c.kind === want[i]!.kind);
  if (!same)
    return `columns ${columns.map((c) => `${c.name} (${c.kind})`).join(', ')} are not a runs file's: ${want.map((c) => c.name).join(', ')} with the options between seed and steps`;
  const bad = optionColumns(columns).find(
    (c) => c.kind === 'list' || c.kind === 'int32' || c.kind === 'int64' || RUN_FIXED_COLUMNS.includes(c.name),
  );
  if (bad) return `option column ${bad.name} (${bad.kind}) is not a number, string or boolean option`;
  const axis = runAxisColumns(columns).find(
    (c) => !AXIS_COLUMN_NAMES.includes(c.name) || (c.kind !== 'string' && c.kind !== 'double'),
  );
  return axis ? `column ${axis.name} (${axis.kind}) after nonFinite is no axis column` : null;
}

/** One run as a runs.parquet row group (its bytes, and its metadata with offsets relative to its start). */
export function encodeRun(columns: readonly ColumnSpec[], r: RunRecord): EncodedRowGroup {
  const fields = new Map<string, unknown>(Object.entries(r));
  const values: Record<string, ColumnValues> = {};
  for (const c of columns) {
    const v = c.name in r.options ? r.options[c.name] : fields.has(c.name) ? fields.get(c.name) : r.axes?.[c.name];
    values[c.name] = [v ?? (c.kind === 'string' ? '' : Number.NaN)] as unknown[] as ColumnValues;
  }
  return encodeColumns(columns, values, 1);
}
