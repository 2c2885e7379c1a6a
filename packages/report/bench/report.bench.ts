// Times writeReport (default formats: SVG + PNG, plus the HTML) on the README grid's output:
// depths 5..40, seeds 0..99, both archs = 7,200 cells, generated once with @resnet/core.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCell, summaryStats, type Arch, type CellResult } from '@resnet/core';
import { writeReport } from '../src/index.js';

const ARCHS: Arch[] = ['plain', 'residual'];
const DEPTHS = Array.from({ length: 36 }, (_, i) => i + 5);
const SEEDS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const value = (_k: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v);
const METRICS: Record<string, (c: CellResult) => number> = {
  ratio: (c) => c.ratio,
  first_grad: (c) => c.gradNorms[0]!,
  last_grad: (c) => c.gradNorms.at(-1)!,
  last_act: (c) => c.actNorms.at(-1)!,
};
const STATS = ['median', 'mean', 'geomean', 'p5', 'p25', 'p75', 'p95'] as const;

/** Writes the sweep folder the benchmark reads (docs/sweep-format.md). */
async function writeSweep(dir: string): Promise<number> {
  const cells = ARCHS.flatMap((arch) => DEPTHS.flatMap((depth) => Array.from({ length: SEEDS }, (_, seed) => runCell({ arch, depth, seed }))));
  await writeFile(join(dir, 'cells.jsonl'), cells.map((c) => JSON.stringify({ ...c, width: 16, inputSize: 16 }, value)).join('\n') + '\n');
  const header = ['arch', 'depth', 'count', 'nonfinite', ...Object.keys(METRICS).flatMap((m) => STATS.map((s) => `${m}_${s}`))];
  const rows = ARCHS.flatMap((arch) =>
    DEPTHS.map((depth) => {
      const g = cells.filter((c) => c.arch === arch && c.depth === depth);
      const stats = Object.values(METRICS).flatMap((f) => STATS.map((s) => String(summaryStats(g.map(f))[s])));
      return [arch, depth, g.length, 0, ...stats].join(',');
    }),
  );
  await writeFile(join(dir, 'summary.csv'), [header.join(','), ...rows].join('\n') + '\n');
  const grid = { archs: ARCHS, depths: DEPTHS, seeds: { start: 0, count: SEEDS }, width: 16, inputSize: 16 };
  const manifest = { format: 'resnet-sweep/1', grid, configHash: 'bench', cellCount: cells.length, shard: null, versions: { node: process.version }, command: 'bench' };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return cells.length;
}

const dir = await mkdtemp(join(tmpdir(), 'report-bench-'));
try {
  const t = performance.now();
  const n = await writeSweep(dir);
  console.log(`generated ${n} cells in ${((performance.now() - t) / 1000).toFixed(1)} s (not timed)`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await writeReport(dir);
    times.push((performance.now() - t0) / 1000);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`writeReport, ${n} cells, formats svg+png + HTML: runs ${times.map((s) => s.toFixed(2)).join(', ')} s; median ${median.toFixed(2)} s (target < 3 s)`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
