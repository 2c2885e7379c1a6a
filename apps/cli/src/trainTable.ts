import type { TrainSummaryRow } from '@resnet/sweep/train';
import { maxOf } from '@resnet/core';

const pct = (v: number) => (Number.isFinite(v) ? (v * 100).toFixed(v * 100 >= 10 ? 1 : 2) : '-');

/**
 * The closing table of `resnet train`: per depth and arch the final-epoch train error in percent,
 * median [min - max] over seeds, then the test error's median.
 */
export function formatTrainTable(rows: readonly TrainSummaryRow[], epochs: number): string {
  // One column per series: an arch, or an arch and its variant in a grid with axes.
  const series = (r: TrainSummaryRow) => (r.variant ? `${r.arch} (${r.variant})` : r.arch);
  const archs = [...new Set(rows.map(series))];
  const depths = [...new Set(rows.map((r) => r.depth))].sort((a, b) => a - b);
  const byKey = new Map(rows.map((r) => [`${series(r)}|${r.depth}`, r]));
  const seeds = Math.max(0, maxOf(rows.map((r) => r.count)));
  const w = 34;
  const head = [
    'depth'.padStart(5),
    ...archs.map((a) => `${`${a}: train % median [min - max]`.padEnd(w)}${'test %'.padStart(8)}`),
  ].join('  ');
  const lines = depths.map((d) => {
    const cols = archs.map((a) => {
      const r = byKey.get(`${a}|${d}`);
      if (!r) return '-'.padEnd(w + 8);
      const nf = r.nonFinite ? ` (${r.nonFinite} diverged)` : '';
      const train = `${pct(r.trainError.median)} [${pct(r.trainError.min)} - ${pct(r.trainError.max)}]${nf}`;
      return `${train.padEnd(w)}${pct(r.testError.median).padStart(8)}`;
    });
    return [String(d).padStart(5), ...cols].join('  ');
  });
  const title = `Train error after ${epochs} epoch${epochs === 1 ? '' : 's'} (weight layers; median over ${seeds} seed${seeds === 1 ? '' : 's'} with range; test error median)`;
  return [title, head, ...lines].join('\n');
}
