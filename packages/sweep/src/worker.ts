import { CellRunner, type PreparedCell } from '@resnet/core';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { crc32 } from 'node:zlib';
import { axisColumns } from './axisColumns.js';
import { JsonLinesEncoder } from './encode/jsonl.js';
import { cellStats } from './cellStats.js';
import { encodeRowGroup } from './parquet/index.js';
import { STAT_FIELDS } from './folder/names.js';
import { CONTROL_DONE, type UnitResult } from './job/job.js';
import { beginOrderedUnit } from './job/unitClaim.js';
import { createLayout, groupOf, seedIdxOf, unitCells, type GridLayout } from './layout.js';
import type { SweepTask } from './types.js';

// The runner keeps the last seed's normal stream: cells of one seed (seed-major order) draw it once. Made when the
// worker loads (its WebAssembly compiles while the main thread still prepares the folder); a bad RESNET_CELL_KERNEL
// leaves it unmade, and the first cell fails with its message instead of the worker's start.
let runner: CellRunner | null = startRunner();
const jsonLines = new JsonLinesEncoder(); // its buffer is reused from unit to unit
let records = new Float64Array(0);
let cachedKey = '';
let cachedLayout: GridLayout | null = null;
/** Each group's cell shape, prepared (validated and laid out) once per grid. */
let prepared: PreparedCell[] = [];

/** Test hooks: called after each cell's record is computed (may change it, or throw to fail the cell). */
export interface UnitHooks {
  afterCell?: (
    cell: { arch: string; depth: number; seed: number; k: number },
    record: Float64Array,
    offset: number,
  ) => void;
}

/**
 * Runs one unit: computes its cells in canonical (seed-major) order and encodes the unit's bytes in
 * every requested format, then its cells' summary values (cellstats.f64). The bytes are transferred,
 * not copied, to the main thread.
 */
export function runUnit(task: SweepTask, hooks: UnitHooks = {}): UnitResult {
  const l = layoutFor(task);
  const [start, end] = unitCells(l, task.unit);
  const control = new Int32Array(task.control);
  // A stop skips a unit not yet begun, unless a later one has (units commit in order); a unit begun is finished
  // (a few ms of cells) so its cells are committed within the stop grace, as docs/sweep-format.md says ("Stopping").
  if (!beginOrderedUnit(control, task.unit)) return { stopped: true };
  let need = 0;
  for (let k = start; k < end; k++) need += l.records[groupOf(l, k)]!.length;
  if (records.length < need) records = new Float64Array(need);
  // Every shape of the unit is prepared before its first cell runs, so the kernel's regions grow before any program
  // is linked: each is then linked once.
  for (let k = start; k < end; k++) {
    const g = groupOf(l, k);
    if (prepared[g]) continue;
    try {
      runner ??= new CellRunner({ kernel: kernelFromEnv() });
      prepared[g] = runner.prepare(l.groupCells[g]!.spec);
    } catch (e) {
      return { error: { row: k, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } };
    }
  }
  let offset = 0;
  for (let k = start; k < end; k++) {
    const g = groupOf(l, k);
    const seed = task.grid.seeds.start + seedIdxOf(l, k);
    try {
      runner!.runPrepared(prepared[g]!, seed, records, offset);
      hooks.afterCell?.({ arch: l.groupArch[g]!, depth: l.groupDepth[g]!, seed, k }, records, offset);
    } catch (e) {
      return { error: { row: k, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } };
    }
    offset += l.records[g]!.length;
    Atomics.add(control, CONTROL_DONE, 1);
  }
  return encode(l, task, start, end);
}

function encode(l: GridLayout, task: SweepTask, start: number, end: number): UnitResult {
  const stats = new Float64Array((end - start) * STAT_FIELDS);
  const jsonl = task.formats.includes('jsonl') ? jsonLines : null;
  const head = { arch: '', depth: 0, seed: 0, width: task.grid.width, inputSize: task.grid.inputSize };
  const columns = axisColumns(task.grid.axes, 'cells');
  const n = end - start;
  const arch: string[] = new Array(n);
  const depth = new Float64Array(n);
  const seed = new Float64Array(n);
  const width = new Float64Array(n);
  const axes = columns.map((c) => ({ ...c, values: new Array<string | number | null>(n) }));
  const texts: string[] = new Array(n);
  let nonFinite = 0;
  let offset = 0;
  for (let k = start; k < end; k++) {
    const g = groupOf(l, k);
    const rec = l.records[g]!;
    arch[k - start] = l.groupArch[g]!;
    depth[k - start] = l.groupDepth[g]!;
    seed[k - start] = task.grid.seeds.start + seedIdxOf(l, k);
    const cell = l.groupCells[g]!;
    width[k - start] = cell.spec.width!;
    for (const a of axes) a.values[k - start] = cell.values[a.name] ?? null;
    const text = cellStats(records, offset, rec, stats, (k - start) * STAT_FIELDS);
    texts[k - start] = text;
    if (text !== '') nonFinite++;
    if (jsonl) {
      head.arch = l.groupArch[g]!;
      head.depth = l.groupDepth[g]!;
      head.seed = task.grid.seeds.start + seedIdxOf(l, k);
      head.width = cell.spec.width!;
      jsonl.add(head, rec, records, offset, text, columns.length ? cell.values : undefined, columns);
    }
    offset += rec.length;
  }
  let rowGroup: UnitResult['rowGroup'];
  const parts = task.formats.map((f) => {
    if (f === 'jsonl') {
      const bytes = jsonl!.finish();
      return { bytes, crc32: crc32(bytes) };
    }
    const group = encodeRowGroup({
      records,
      start: 0,
      arch,
      depth,
      seed,
      width,
      inputSize: task.grid.inputSize,
      nonFinite: texts,
      axes,
    });
    rowGroup = group.meta;
    return { bytes: group.bytes, crc32: crc32(group.bytes) };
  });
  const statsBytes = new Uint8Array(stats.buffer);
  parts.push({ bytes: statsBytes, crc32: crc32(statsBytes) });
  const result: UnitResult = { parts, nonFinite, ...(rowGroup ? { rowGroup } : {}) };
  return move({
    get [transferableSymbol]() {
      return parts.map((p) => p.bytes.buffer);
    },
    get [valueSymbol]() {
      return result;
    },
  }) as unknown as UnitResult;
}

function startRunner(): CellRunner | null {
  try {
    return new CellRunner({ kernel: kernelFromEnv() });
  } catch {
    return null;
  }
}

/**
 * RESNET_CELL_KERNEL=js runs the JS cell kernel instead of WebAssembly (benchmarks and cross-checks: the results are
 * bit-identical); unset or 'auto', WebAssembly where it is available.
 */
function kernelFromEnv(): 'auto' | 'js' | 'wasm' {
  const value = process.env['RESNET_CELL_KERNEL'] ?? 'auto';
  if (value === 'auto' || value === 'js' || value === 'wasm') return value;
  throw new Error(`RESNET_CELL_KERNEL must be 'auto', 'js' or 'wasm'; got ${JSON.stringify(value)}.`);
}

function layoutFor(task: SweepTask): GridLayout {
  const key = JSON.stringify(task.grid);
  if (key !== cachedKey || !cachedLayout) {
    cachedLayout = createLayout(task.grid);
    cachedKey = key;
    prepared = [];
  }
  return cachedLayout;
}

/** Piscina entry: runs one unit. */
export default function sweepWorker(task: SweepTask): UnitResult {
  return runUnit(task);
}
