import { layerBands } from './stats.js';
import type { SweepCell } from './sweep/types.js';
import {
  archsOfGroups,
  groupStats,
  isShown,
  pairStats,
  planStats,
  type GroupMeta,
  type GroupValues,
  type SweepStats,
} from './sweepStats.js';

/** Options of statsOfCells: the profile depth and metric (sweepFigures' own). */
export interface CellStatsOptions {
  depth?: number;
  gradMetric?: 'layerGradNorms' | 'gradNorms';
}

/** A sweep's statistics from its cells in memory (small sweeps, tests); streamSweepStats gives the same from a folder. */
export function statsOfCells(cells: readonly SweepCell[], options: CellStatsOptions = {}): SweepStats {
  // 1. Groups in the order each first appears, and each group's cells in file order.
  const byKey = new Map<string, { meta: GroupMeta; cells: SweepCell[] }>();
  for (const c of cells) {
    const key = `${c.arch}|${c.variant}|${c.depth}`;
    const g = byKey.get(key);
    if (g) {
      g.cells.push(c);
      g.meta.count++;
    } else byKey.set(key, { meta: { arch: c.arch, variant: c.variant, depth: c.depth, count: 1 }, cells: [c] });
  }
  const groups = [...byKey.values()];
  const plan = planStats(
    groups.map((g) => g.meta),
    options.depth,
  );
  const values = (g: (typeof groups)[number]): GroupValues => ({
    values: Float64Array.from(g.cells, (c) => c.ratio),
    seedAt: (i) => g.cells[i]!.seed,
  });
  // 2. Each group's statistics; the deepest depth's pairs; the profile depth's per-layer bands.
  const shown = groups.filter((g) => isShown(plan, g.meta));
  const at = (arch: string, depth: number) => shown.find((g) => g.meta.arch === arch && g.meta.depth === depth);
  const deepestOf = (arch: string) => {
    const g = at(arch, plan.deepest);
    return g && values(g);
  };
  const metric = options.gradMetric ?? 'layerGradNorms';
  const profiled = archsOfGroups(shown.map((g) => g.meta)).map((a) => at(a, plan.profileDepth)!.cells);
  return {
    cellCount: cells.length,
    depthUnit: cells[0]?.depthUnit ?? 'native',
    groups: groups.map((g) => groupStats(g.meta, values(g), plan)),
    profile: {
      depth: plan.profileDepth,
      metric,
      grad: profiled.flatMap((g) => layerBands(g, metric)),
      act: profiled.flatMap((g) => layerBands(g, 'actNorms')),
    },
    pairs: pairStats(deepestOf('plain'), deepestOf('residual')),
  };
}
