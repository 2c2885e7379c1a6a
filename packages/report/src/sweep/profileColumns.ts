import { join } from 'node:path';
import { cellLayout, depthFor, type DepthUnit } from '@resnet/core';
import type { CellRow, FolderGroups } from '@resnet/sweep/read';
import { ReportError } from '../errors.js';
import type { Band } from '../stats.js';
import { columnBands, type GroupMeta } from '../sweepStats.js';
import { cellsFileName, checkCellCount } from './loadSweep.js';
import { streamSweepCells } from './readSweepCells.js';
import type { SweepManifest } from './types.js';

/** A per-layer metric the profile figures draw. */
export type ProfileMetric = 'layerGradNorms' | 'gradNorms' | 'actNorms';

/** A profile group: its index in the layout (folderGroups) beside what the figures name it by. */
export interface ProfileGroup extends GroupMeta {
  g: number;
}

/** Layers [from, to) of one metric of one profile group (of `layers`), as columns over the group's cells. */
interface ColumnSet {
  group: ProfileGroup;
  name: ProfileMetric;
  from: number;
  to: number;
  layers: number;
}

/**
 * The column sets of the profile groups' metrics in passes: each metric's layers cut so that a set holds at most
 * `budget` values (one layer at least), consecutive sets packed into passes of at most `budget` values (one set at
 * least). Layer counts come from core's cell layout, so the plan is made before any cell is read.
 */
export function planColumnPasses(
  groups: readonly ProfileGroup[],
  metrics: readonly ProfileMetric[],
  unit: DepthUnit,
  budget: number,
): ColumnSet[][] {
  const sets: ColumnSet[] = [];
  for (const group of groups) {
    const depth = unit === 'native' ? group.depth : depthFor({ arch: group.arch, unit, value: group.depth });
    const layout = cellLayout({ arch: group.arch, depth });
    for (const name of metrics) {
      const layers = layout[name][1];
      const step = Math.max(1, Math.floor(budget / Math.max(1, group.count)));
      for (let from = 0; from < layers; from += step)
        sets.push({ group, name, from, to: Math.min(layers, from + step), layers });
    }
  }
  const passes: ColumnSet[][] = [];
  let kept = Infinity;
  for (const set of sets) {
    const size = (set.to - set.from) * set.group.count;
    if (kept + size > budget) {
      passes.push([]);
      kept = 0;
    }
    passes.at(-1)!.push(set);
    kept += size;
  }
  return passes;
}

/**
 * Streams the cells file once per pass (at least once): the first pass checks every cell against its place in the
 * layout and the file's size and crc32 against the manifest, and hands every cell to `visit`; each pass gathers its
 * sets' layers as columns. Returns each (group, metric)'s per-layer bands, keyed `${g}|${metric}`.
 */
export async function readProfile(
  dir: string,
  manifest: SweepManifest,
  manifestPath: string,
  layout: FolderGroups,
  passes: readonly (readonly ColumnSet[])[],
  visit: ((cell: CellRow, variant: string, gridDepth: number) => void) | undefined,
): Promise<{ bands: Map<string, Band[]>; file: string; format: 'parquet' | 'jsonl' }> {
  const bands = new Map<string, Band[]>();
  const cellsPath = join(dir, cellsFileName(manifest));
  let result: { file: string; format: 'parquet' | 'jsonl' } | null = null;
  for (let pass = 0; pass < Math.max(1, passes.length); pass++) {
    const sets = passes[pass] ?? [];
    // This pass's columns, by group, allocated up front (the plan knows every size).
    const byGroup = new Map<number, { set: ColumnSet; cols: Float64Array[] }[]>();
    for (const set of sets) {
      const cols = Array.from({ length: set.to - set.from }, () => new Float64Array(set.group.count));
      byGroup.set(set.group.g, [...(byGroup.get(set.group.g) ?? []), { set, cols }]);
    }
    const rows = new Map<number, number>();
    let count = 0;
    const arraysFor = (arch: string, gridDepth: number) =>
      (pass === 0 && visit !== undefined) || sets.some((s) => s.group.arch === arch && s.group.depth === gridDepth);
    const expect = pass === 0 ? manifest.files[cellsFileName(manifest)] : undefined;
    result = await streamSweepCells(dir, manifest, { arraysFor, expect }, (c, i, variant, gridDepth) => {
      count++;
      const g = layout.groupOf(i);
      if (pass === 0) {
        checkPlace(c, i, variant, gridDepth, layout, g, manifest, cellsPath);
        visit?.(c, variant, gridDepth);
      }
      const mine = byGroup.get(g);
      if (!mine) return;
      const row = rows.get(g) ?? 0;
      rows.set(g, row + 1);
      for (const { set, cols } of mine) {
        const values = c[set.name];
        if (values.length !== set.layers)
          throw new ReportError(
            `${cellsPath} cell ${i + 1} has ${values.length} ${set.name}; a ${set.group.arch} net of depth ${c.depth} has ${set.layers}. The folder is damaged; rerun its sweep into an empty folder.`,
            cellsPath,
          );
        for (let l = 0; l < cols.length; l++) cols[l]![row] = values[set.from + l]!;
      }
    });
    if (pass === 0) checkCellCount(count, manifest.cellCount, result.file, manifestPath);
    // Sets of one (group, metric) come in layer order, so their bands are appended in order.
    for (const [, mine] of byGroup)
      for (const { set, cols } of mine) {
        const key = `${set.group.g}|${set.name}`;
        bands.set(key, [...(bands.get(key) ?? []), ...columnBands(set.group.arch, cols, set.from, set.layers)]);
      }
  }
  return { bands, ...result! };
}

/** A cell must be the one the layout places at its index (arch, depth, variant, seed): else the folder is mixed. */
function checkPlace(
  c: CellRow,
  i: number,
  variant: string,
  gridDepth: number,
  layout: FolderGroups,
  g: number,
  manifest: SweepManifest,
  file: string,
): void {
  const want = layout.groups[g]!;
  const seed = layout.seedOf(i);
  const sameVariant = manifest.grid.axes === undefined || want.variant === variant;
  if (want.arch === c.arch && want.depth === gridDepth && c.seed === seed && sameVariant) return;
  const label = (v: string) => (v ? `, ${v}` : '');
  throw new ReportError(
    `${file} cell ${i + 1} (${c.arch}, depth ${gridDepth}, seed ${c.seed}${label(variant)}) is not the cell the grid ` +
      `places there (${want.arch}, depth ${want.depth}, seed ${seed}${label(want.variant)}). The cells are out of order ` +
      'or from another run; rerun the sweep into an empty folder.',
    file,
  );
}
