import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { mergeSweeps, runSweep } from '@resnet/sweep';
import { mergeTrainFolders, runTrainSweep } from '@resnet/sweep/train';
import type { Shard } from '@resnet/sweep';

/** A job as the shared-code tests drive it: run (or resume) a folder, merge shards, and its words. */
export interface JobUnderTest {
  name: 'sweep' | 'train';
  /** Rows of the whole grid. */
  rows: number;
  /** `cellCount` or `runCount`. */
  countKey: string;
  /** cells or runs. */
  items: string;
  /** Its Parquet rows file and its other published part files. */
  parquet: string;
  run(
    out: string,
    options?: { shard?: Shard; signal?: AbortSignal },
  ): Promise<{ computed: number; repaired: string[] }>;
  merge(dirs: string[], out: string, signal?: AbortSignal): Promise<{ rows: number }>;
}

const sweepGrid = {
  depths: [3, 4],
  seeds: { start: 0, count: 3 },
  threads: 1,
  formats: ['parquet' as const, 'jsonl' as const],
}; // 12 cells, 12 units

/** The gradient sweep of 12 cells. */
export const SWEEP: JobUnderTest = {
  name: 'sweep',
  rows: 12,
  countKey: 'cellCount',
  items: 'cells',
  parquet: 'cells.parquet',
  run: async (out, o = {}) =>
    runSweep({ ...sweepGrid, out, ...(o.shard ? { shard: o.shard } : {}) }, o.signal ? { signal: o.signal } : {}),
  merge: async (dirs, out, signal) => ({ rows: (await mergeSweeps(dirs, out, { signal })).cellCount }),
};

let data: { name: string; train: Dataset; test: Dataset } | null = null;
function digits() {
  if (!data) {
    const split = loadMnist({ shared: true });
    data = { name: 'mnist-100', train: firstRows(split.train, 100), test: firstRows(split.test, 40) };
  }
  return data;
}

/** Training: 2 archs x depth 4 x 3 seeds = 6 runs of one epoch on 100 digits (width 8). */
export const TRAIN: JobUnderTest = {
  name: 'train',
  rows: 6,
  countKey: 'runCount',
  items: 'runs',
  parquet: 'runs.parquet',
  run: async (out, o = {}) =>
    runTrainSweep(
      {
        depths: [4],
        seeds: 3,
        train: { epochs: 1, batchSize: 50, width: 8 },
        data: digits(),
        threads: 1,
        formats: ['parquet', 'jsonl'],
        out,
        ...(o.shard ? { shard: o.shard } : {}),
      },
      o.signal ? { signal: o.signal } : {},
    ),
  merge: async (dirs, out, signal) => ({ rows: (await mergeTrainFolders(dirs, out, { signal })).runCount }),
};

/** Both jobs, for it.each / describe.each. */
export const JOBS: ReadonlyArray<[string, JobUnderTest]> = [
  ['sweep', SWEEP],
  ['train', TRAIN],
];

/** Every file of a folder (not recursing) with its bytes, to show nothing changed. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    out[name] = statSync(path).isFile() ? readFileSync(path).toString('base64') : '(folder)';
  }
  return out;
}

/** Edits a folder's manifest.json. */
export function editManifest(dir: string, edit: (m: Record<string, unknown>) => void): void {
  const path = join(dir, 'manifest.json');
  const m = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(m);
  writeFileSync(path, JSON.stringify(m, null, 2));
}
