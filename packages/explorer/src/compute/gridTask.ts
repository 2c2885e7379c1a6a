import { CellRunner, type PreparedCell } from '@resnet/core';
import { cellStats, createLayout, STAT_FIELDS, type GridLayout, type GridSpec } from '@resnet/sweep/browser';
import type { GridResult, GridTask } from './messages.js';

// One chunk of a grid, computed as the sweep's worker computes its units: one CellRunner, each group's cell shape
// prepared once per grid, cells run seed by seed (the runner draws each seed's normal stream once, every cell
// reading its prefix), each cell's summary values through the sweep's own cellStats. So a cell here equals the
// same cell of `resnet sweep` bit for bit.

const runner = new CellRunner();
let record = new Float64Array(0);
let cached: { key: string; layout: GridLayout; prepared: PreparedCell[] } | null = null;

/** The sweep's layout of a grid (cached for the grid last seen: a job's tasks share it). */
export function layoutOf(grid: GridSpec): GridLayout {
  return cachedGrid(grid).layout;
}

/** The grid last seen, its layout and each group's prepared shape (prepared when first run). */
function cachedGrid(grid: GridSpec): NonNullable<typeof cached> {
  const key = JSON.stringify(grid);
  if (cached?.key !== key) cached = { key, layout: createLayout(grid), prepared: [] };
  return cached;
}

/** The groups of a layout at one grid depth, in group order (one per arch and variant). */
export function groupsAtDepth(l: GridLayout, depth: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < l.groupCount; g++) if (l.groupCells[g]!.gridDepth === depth) out.push(g);
  return out;
}

/** Computes one grid task: the cells of seeds [from, to), their summary values and the profile depth's norms. */
export function runGridTask(task: GridTask): GridResult {
  const t0 = performance.now();
  const { layout: l, prepared } = cachedGrid(task.grid);
  const G = l.groupCount;
  const profileGroups = task.profileDepth === null ? [] : groupsAtDepth(l, task.profileDepth);
  const groups = task.stats ? Array.from({ length: G }, (_, g) => g) : profileGroups;
  const lengths = profileGroups.map((g) => l.records[g]!.layerGradNorms[1]);
  const perSeed = lengths.reduce((a, n) => a + n, 0);
  const seeds = task.to - task.from;
  const stats = task.stats ? new Float64Array(seeds * G * STAT_FIELDS) : null;
  const values = new Float64Array(seeds * perSeed);
  if (record.length < l.maxRecordLength) record = new Float64Array(l.maxRecordLength);
  let at = 0;
  for (let s = task.from; s < task.to; s++) {
    const seed = task.grid.seeds.start + s;
    for (const g of groups) {
      const layout = l.records[g]!;
      try {
        prepared[g] ??= runner.prepare(l.groupCells[g]!.spec);
        runner.runPrepared(prepared[g]!, seed, record, 0);
      } catch (e) {
        const message = `${l.groupArch[g]} depth ${l.groupDepth[g]} seed ${seed}: ${(e as Error).message}`;
        return {
          kind: 'grid',
          job: task.job,
          from: task.from,
          to: task.to,
          stats: null,
          profile: null,
          ms: 0,
          error: message,
        };
      }
      if (stats) cellStats(record, 0, layout, stats, ((s - task.from) * G + g) * STAT_FIELDS);
      const p = profileGroups.indexOf(g);
      if (p >= 0) {
        const [offset, length] = layout.layerGradNorms;
        values.set(record.subarray(offset, offset + length), at);
        at += length;
      }
    }
  }
  const profile =
    task.profileDepth === null ? null : { depth: task.profileDepth, groups: profileGroups, lengths, values };
  return { kind: 'grid', job: task.job, from: task.from, to: task.to, stats, profile, ms: performance.now() - t0 };
}
