import { join } from 'node:path';
import { pushAll } from '@resnet/core';
import { CELL_STATS } from '@resnet/sweep/folder';
import { folderGroups, type CellRow } from '@resnet/sweep/read';
import { ReportError } from '../errors.js';
import {
  groupStats,
  isShown,
  pairStats,
  planStats,
  type GroupMeta,
  type GroupStats,
  type GroupValues,
  type SweepStats,
} from '../sweepStats.js';
import { cellsFileName } from './loadSweep.js';
import { planColumnPasses, readProfile } from './profileColumns.js';
import { streamRatios } from './streamRatios.js';
import type { SweepManifest } from './types.js';

/**
 * Values a pass keeps at most (8M float64, 64 MB): a folder whose groups or profile layers need more is read in
 * more passes (a single group's ratios, or a single layer of a profile group, beyond it still go in one pass).
 */
export const VALUES_PER_PASS = 1 << 23;

/** The files streamSweepStats reads, each checked for its size and crc32 on the bytes it streams (readSweepHead's `streamedOf`). */
export const streamedFiles = (manifest: Pick<SweepManifest, 'formats'>): string[] => [
  cellsFileName(manifest),
  CELL_STATS,
];

/** Options of streamSweepStats. */
export interface StreamStatsOptions {
  depth?: number;
  gradMetric?: 'layerGradNorms' | 'gradNorms';
  /** Sees every cell with its arrays, once, as it streams by (readSweepCells' visit). */
  visit?: (cell: CellRow, variant: string, gridDepth: number) => void;
  /** Values a pass keeps at most; default VALUES_PER_PASS (tests lower it to read in many passes). */
  valuesPerPass?: number;
}

/** What streamSweepStats read: the statistics, and the cells file. */
export interface StreamedStats {
  stats: SweepStats;
  file: string;
  format: 'parquet' | 'jsonl';
}

/** A folder's groups in the order each first appears, with what the figures need of each. */
interface Group extends GroupMeta {
  /** The group's index in the layout, and the seed of its first cell in the folder. */
  g: number;
  firstSeed: number;
}

/**
 * A sweep folder's statistics (the same as statsOfCells of its cells), streamed: memory follows the groups and the
 * profile depth's layers, never the seeds. 1. The cells file, each cell checked against the grid and against its
 * place in the layout (arrays read at the profile depth only, unless `visit` wants every cell's); 2. cellstats.f64
 * (40 bytes a cell) for each group's ratios. A pass keeps at most VALUES_PER_PASS values: a grid whose groups or
 * profile hold more is read again for the rest (exact quantiles, more passes).
 */
export async function streamSweepStats(
  dir: string,
  manifest: SweepManifest,
  manifestPath: string,
  options: StreamStatsOptions = {},
): Promise<StreamedStats> {
  const layout = folderGroups(manifest.grid, manifest.shard);
  if (layout.cellCount !== manifest.cellCount) {
    const what = manifest.shard ? `shard ${manifest.shard.index} of ${manifest.shard.count} of its grid` : 'its grid';
    throw new ReportError(
      `${manifestPath} says cellCount ${manifest.cellCount}, but ${what} holds ${layout.cellCount} cells. The manifest was edited or comes from another run; rerun the sweep into an empty folder.`,
      manifestPath,
    );
  }
  const variants = manifest.grid.axes !== undefined && Object.keys(manifest.grid.axes).some((k) => k !== 'depthUnit');
  // 1. The groups in the order each first appears in the folder, and the plan of what to compute.
  const groups: Group[] = [];
  for (let i = 0; i < Math.min(layout.cellCount, layout.groups.length); i++) {
    const g = layout.groupOf(i);
    const { arch, depth, variant, cells } = layout.groups[g]!;
    groups.push({ g, arch, variant: variants ? variant : undefined, depth, count: cells, firstSeed: layout.seedOf(i) });
  }
  const plan = planStats(groups, options.depth);
  const metric = options.gradMetric ?? 'layerGradNorms';
  // 2. The cells: checked, visited, and the profile depth's layers as columns, in passes within the budget.
  const profiled = groups.filter((m) => isShown(plan, m) && m.depth === plan.profileDepth);
  const budget = options.valuesPerPass ?? VALUES_PER_PASS;
  const unit = manifest.grid.axes?.depthUnit ?? 'native';
  const passes = planColumnPasses(profiled, [metric, 'actNorms'], unit, budget);
  const read = await readProfile(dir, manifest, manifestPath, layout, passes, options.visit);
  // 3. Each group's ratios from cellstats.f64, in passes of whole depths.
  const stats = new Map<number, GroupStats>();
  const deepest: Partial<Record<'plain' | 'residual', GroupValues>> = {};
  // The first pass checks the file's size and crc32 against the manifest on the bytes it reads.
  for (const [pass, batch] of depthBatches(groups, budget).entries()) {
    const expect = pass === 0 ? manifest.files[CELL_STATS] : undefined;
    const values = await streamRatios(
      join(dir, CELL_STATS),
      layout,
      batch.map((m) => m.g),
      expect,
    );
    for (const m of batch) {
      const v: GroupValues = { values: values.get(m.g)!, seedAt: (i) => m.firstSeed + i };
      stats.set(m.g, groupStats(m, v, plan));
      if (isShown(plan, m) && m.depth === plan.deepest) deepest[m.arch] = v;
    }
  }
  const bands = (name: string) => profiled.flatMap((m) => read.bands.get(`${m.g}|${name}`) ?? []);
  return {
    stats: {
      cellCount: layout.cellCount,
      depthUnit: manifest.grid.axes?.depthUnit ?? 'native',
      groups: groups.map(({ g }) => {
        const { g: _g, firstSeed: _f, ...s } = stats.get(g)! as GroupStats & Partial<Group>;
        return s;
      }),
      profile: { depth: plan.profileDepth, metric, grad: bands(metric), act: bands('actNorms') },
      pairs: pairStats(deepest.plain, deepest.residual),
    },
    file: read.file,
    format: read.format,
  };
}

/** Groups in passes of whole depths (a depth's groups together, for the deepest's pairs), each within the budget. */
function depthBatches(groups: readonly Group[], budget: number): Group[][] {
  const depths = [...new Set(groups.map((m) => m.depth))].sort((a, b) => a - b);
  const out: Group[][] = [];
  let batch: Group[] = [];
  let size = 0;
  for (const d of depths) {
    const mine = groups.filter((m) => m.depth === d);
    const cells = mine.reduce((a, m) => a + m.count, 0);
    if (batch.length && size + cells > budget) {
      out.push(batch);
      batch = [];
      size = 0;
    }
    pushAll(batch, mine);
    size += cells;
  }
  if (batch.length) out.push(batch);
  return out;
}
