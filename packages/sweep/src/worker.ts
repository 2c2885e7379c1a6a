import { CellRunner, LegacyRandomState } from '@resnet/core';
import { cellObject, hasNonFinite, writeJsonLines } from './format.js';
import {
  CONTROL_PROGRESS, CONTROL_STOP, STAT_FIELDS, createLayout, groupOf, seedIdxOf, taskCounter, taskRecords, taskText, type GridLayout,
} from './layout.js';
import { packStats } from './summary.js';
import type { ComputeResult, ComputeTask, FormatResult, FormatTask, GridSpec, Task } from './types.js';

const runner = new CellRunner();
const rng = new LegacyRandomState(0);
// Normal streams of the current chunk's seeds (kept across tasks: a chunk may continue a seed).
const streams = new Map<number, { data: Float64Array; length: number }>();
const spare: Float64Array[] = [];
let cachedKey = '';
let cachedLayout: GridLayout | null = null;

/** Piscina entry: runs a compute task (cells into the shared buffer) or a format task (records to JSON lines). */
export default function sweepWorker(task: Task): ComputeResult | FormatResult {
  return task.kind === 'compute' ? compute(task) : format(task);
}

function compute(task: ComputeTask): ComputeResult {
  const l = layoutFor(task.grid);
  const { width, inputSize } = task.grid;
  const records = taskRecords(task.buffer);
  const counter = taskCounter(task.buffer);
  const control = new Int32Array(task.control);
  const cells = task.cells;
  const n = cells.length / 3;
  drawStreams(l, cells);
  for (let i = 0; i < n; i++) {
    if (Atomics.load(control, CONTROL_STOP) !== 0) return { done: i };
    const g = cells[3 * i]!;
    const seed = cells[3 * i + 1]!;
    try {
      runner.run({ arch: l.groupArch[g]!, depth: l.groupDepth[g]!, seed, width, inputSize }, records, cells[3 * i + 2]!, streams.get(seed)!.data);
    } catch (e) {
      return { done: i, error: { group: g, seed, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } };
    }
    // Records written before this store are visible to whoever loads the counter (Atomics are seq-cst).
    Atomics.store(counter, 0, i + 1);
    Atomics.add(control, CONTROL_PROGRESS, 1);
  }
  return { done: n };
}

/** Draws each seed of the chunk once, long enough for all its cells (a prefix serves every shorter cell). */
function drawStreams(l: GridLayout, cells: Float64Array): void {
  const need = new Map<number, number>();
  for (let i = 0; i < cells.length; i += 3) {
    const seed = cells[i + 1]!;
    need.set(seed, Math.max(need.get(seed) ?? 0, l.normals[cells[i]!]!));
  }
  for (const [seed, s] of streams) {
    if ((need.get(seed) ?? Infinity) > s.length) {
      spare.push(s.data);
      streams.delete(seed);
    }
  }
  for (const [seed, length] of need) {
    if (streams.has(seed)) continue;
    let data = spare.pop();
    if (!data || data.length < length) data = new Float64Array(Math.max(length, l.maxNormals));
    rng.seed(seed);
    rng.fillNormal(data, 0, length);
    streams.set(seed, { data, length });
  }
}

function format(task: FormatTask): FormatResult {
  const l = layoutFor(task.grid);
  const data = taskRecords(task.buffer);
  const stats = new Float64Array(task.count * STAT_FIELDS);
  const objects: Array<Record<string, unknown>> = [];
  const head = { arch: '', depth: 0, seed: 0, width: task.grid.width, inputSize: task.grid.inputSize };
  let g = groupOf(l, task.start);
  let offset = 0;
  for (let i = 0; i < task.count; i++) {
    const local = task.start + i;
    while (local >= l.firstLocal[g + 1]!) g++;
    const rec = l.records[g]!;
    head.arch = l.groupArch[g]!;
    head.depth = l.groupDepth[g]!;
    head.seed = task.grid.seeds.start + seedIdxOf(l, g, local);
    const nonFinite = hasNonFinite(data, offset, offset + rec.length);
    objects.push(cellObject(head, rec, data, offset, nonFinite));
    const [grad, grads] = rec.gradNorms;
    const [act, acts] = rec.actNorms;
    packStats(stats, i * STAT_FIELDS, data[offset + rec.ratio]!, data[offset + grad]!, data[offset + grad + grads - 1]!, data[offset + act + acts - 1]!, nonFinite);
    offset += rec.length;
  }
  const [start, end] = writeJsonLines(objects, taskText(l, task.buffer));
  return { start, end, stats };
}

function layoutFor(grid: GridSpec): GridLayout {
  const key = JSON.stringify(grid);
  if (key !== cachedKey || !cachedLayout) {
    cachedLayout = createLayout(grid);
    cachedKey = key;
  }
  return cachedLayout;
}
