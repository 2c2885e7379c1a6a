import { existsSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsError, trainRun, firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { ConfigMismatchError, DuplicateCellsError, GridError, IncompleteError } from '@resnet/sweep';
import {
  TrainAbortedError,
  createTrainPlan,
  mergeTrainFolders,
  parseRuns,
  runTrainSweep,
  type TrainProgress,
  type TrainSweepOptions,
} from '@resnet/sweep/train';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

// 2 archs x depths 4, 6 x 2 seeds = 8 runs of one epoch on 300 real digits (5 steps each): well under a second.
// Both runs files are written, so every byte-identity check below covers runs.parquet and runs.jsonl.
let base: Omit<TrainSweepOptions, 'out'>;
let reference: string;

beforeAll(async () => {
  const split = loadMnist({ shared: true });
  base = {
    depths: [4, 6],
    seeds: 2,
    train: { epochs: 1, batchSize: 64, width: 16 },
    data: { name: 'mnist-300', train: firstRows(split.train, 300), test: firstRows(split.test, 100) },
    threads: 1,
    formats: ['parquet', 'jsonl'],
  };
  reference = (await runTrainSweep({ ...base, out: tempDir('train-ref') })).out;
});
afterAll(cleanTemp);

describe('runTrainSweep', () => {
  it('writes runs.jsonl in canonical order (seed-major, archs, depths ascending) and the resnet-train/2 manifest', () => {
    const runs = parseRuns(readFileSync(join(reference, 'runs.jsonl'), 'utf8'));
    expect(runs.map((r) => `${r.seed}:${r.arch}:${r.depth}`)).toEqual([
      '0:plain:4',
      '0:plain:6',
      '0:residual:4',
      '0:residual:6',
      '1:plain:4',
      '1:plain:6',
      '1:residual:4',
      '1:residual:6',
    ]);
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe('resnet-train/2');
    expect(manifest.grid).toEqual({ archs: ['plain', 'residual'], depths: [4, 6], seeds: { start: 0, count: 2 } });
    expect(manifest.options.epochs).toBe(1);
    expect(manifest.data).toMatchObject({ name: 'mnist-300', train: 300, test: 100, features: 784, classes: 10 });
    expect(manifest.runCount).toBe(8);
    expect(manifest.steps).toBe(8 * 5);
    expect(manifest.formats).toEqual(['parquet', 'jsonl']);
    expect(Object.keys(manifest.files)).toEqual(['runs.parquet', 'runs.jsonl', 'summary.csv']);
    expect(existsSync(join(reference, '.resume'))).toBe(false);
  });

  it('refuses a folder of format resnet-train/1 (no gradient norms) as an older version’s', async () => {
    const out = tempDir('train-v1');
    await runTrainSweep({ ...base, out });
    const manifest = join(out, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"resnet-train/2"', '"resnet-train/1"'));
    await expect(runTrainSweep({ ...base, out })).rejects.toThrow(
      /made by an older version \(format resnet-train\/1; this version writes resnet-train\/2\)\. Rerun the training into a new folder/,
    );
  });

  it('records what trainRun computes on the main thread (per-epoch arrays and finals)', () => {
    const runs = parseRuns(readFileSync(join(reference, 'runs.jsonl'), 'utf8'));
    const data = base.data;
    for (const r of [runs[2]!, runs[5]!]) {
      const direct = trainRun(
        { ...base.train, arch: r.arch as 'plain' | 'residual', depth: r.depth, seed: r.seed },
        { train: data.train, test: data.test! },
      );
      expect(r.trainLoss).toEqual(direct.epochs.map((e) => e.trainLoss));
      expect(r.trainError).toEqual(direct.epochs.map((e) => e.trainError));
      expect(r.testError).toEqual(direct.epochs.map((e) => e.testError));
      expect(r.gradNorms).toEqual([...direct.initGradNorms, ...direct.epochs.flatMap((e) => e.gradNorms)]);
      expect(r.gradNorms).toHaveLength(2 * r.depth);
      expect(r.finalTrainError).toBe(direct.epochs.at(-1)!.trainError);
      expect(r.steps).toBe(direct.steps);
    }
  });

  it('gives byte-identical files on 2 threads, and counts progress in optimiser steps', async () => {
    const events: TrainProgress[] = [];
    const out = tempDir('train-t2');
    await runTrainSweep({ ...base, threads: 2, out }, { onProgress: (p) => events.push(p), progressIntervalMs: 5 });
    expect(folderDifference(reference, out)).toBeNull();
    const last = events.at(-1)!;
    expect(last).toMatchObject({ done: 40, total: 40, runsDone: 8, runs: 8, etaSeconds: 0 });
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
  });

  it('keeps finished runs when stopped and recomputes only the others on resume', async () => {
    const out = tempDir('train-stop');
    const controller = new AbortController();
    const stopped = runTrainSweep(
      { ...base, threads: 2, out },
      { signal: controller.signal, onRunCommitted: (n) => n >= 3 && controller.abort() },
    );
    const error = await stopped.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainAbortedError);
    const saved = (error as TrainAbortedError).saved;
    expect(saved).toBeGreaterThanOrEqual(3);
    // Not asserted: saved < 8. Runs finished while a commit's fsync is under way are committed after it, so on a
    // loaded machine every run may be on disk before the stop lands; the damaged part below still forces a resume.
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    // Every journal entry names its run; a damaged last line of the part file drops that run only.
    const journal = readFileSync(join(out, '.resume', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(journal).toHaveLength(saved);
    const runsNamed = journal.map((l) => JSON.parse(l.split('\t')[0]!).meta.unit as number);
    expect(new Set(runsNamed).size).toBe(saved);
    const part = join(out, '.resume', 'runs.jsonl.part');
    truncateSync(part, statSync(part).size - 3);
    const resumed = await runTrainSweep({ ...base, threads: 2, out });
    expect(resumed.resumed).toBe(saved - 1);
    expect(resumed.computed).toBe(8 - saved + 1);
    expect(folderDifference(reference, out)).toBeNull();
    const seen: TrainProgress[] = [];
    const again = await runTrainSweep({ ...base, threads: 2, out }, { onProgress: (p) => seen.push(p) });
    expect(again.computed).toBe(0);
    expect(seen).toEqual([{ done: 40, total: 40, rate: 0, etaSeconds: 0, resumed: 40, runsDone: 8, runs: 8 }]);
  });

  it('refuses to resume a folder with other options, naming the difference', async () => {
    await expect(runTrainSweep({ ...base, train: { ...base.train, epochs: 2 }, out: reference })).rejects.toThrow(
      ConfigMismatchError,
    );
    await expect(runTrainSweep({ ...base, train: { ...base.train, epochs: 2 }, out: reference })).rejects.toThrow(
      /options\.epochs: folder has 1, requested 2/,
    );
  });

  it('two shards merged equal the single run byte for byte; a missing or doubled shard is refused', async () => {
    const s1 = tempDir('train-s1');
    const s2 = tempDir('train-s2');
    await runTrainSweep({ ...base, shard: { index: 1, count: 2 }, out: s1 });
    await runTrainSweep({ ...base, shard: { index: 2, count: 2 }, out: s2 });
    const merged = join(tempDir('train-merged'), 'all');
    expect((await mergeTrainFolders([s2, s1], merged)).runCount).toBe(8);
    expect(folderDifference(reference, merged)).toBeNull();
    await expect(mergeTrainFolders([s1], join(tempDir('train-m1'), 'x'))).rejects.toThrow(IncompleteError);
    await expect(mergeTrainFolders([s1, s1, s2], join(tempDir('train-m2'), 'x'))).rejects.toThrow(DuplicateCellsError);
  });

  it('checks options before any work: flags and core option fields are named', async () => {
    const out = join(tempDir('train-bad'), 'never');
    await expect(runTrainSweep({ ...base, depths: [4, 5], out })).rejects.toMatchObject({
      name: 'OptionsError',
      option: 'depth',
    });
    await expect(runTrainSweep({ ...base, depths: [4, 5], out })).rejects.toBeInstanceOf(OptionsError);
    await expect(runTrainSweep({ ...base, archs: ['plain', 'dense' as 'plain'], out })).rejects.toBeInstanceOf(
      GridError,
    );
    await expect(runTrainSweep({ ...base, train: { ...base.train, lr: -1 }, out })).rejects.toMatchObject({
      option: 'lr',
    });
    expect(existsSync(out)).toBe(false);
  });

  it('plans the deepest runs first and shards by canonical range', () => {
    const plan = createTrainPlan(['plain', 'residual'], [4, 8, 16], { start: 0, count: 2 }, null);
    expect(plan.order.slice(0, 4)).toEqual([2, 5, 8, 11]);
    const shard = createTrainPlan(['plain', 'residual'], [4, 8, 16], { start: 0, count: 2 }, { index: 2, count: 3 });
    expect([shard.firstRun, shard.lastRun]).toEqual([4, 8]);
    expect([...shard.order].sort((a, b) => a - b)).toEqual([4, 5, 6, 7]);
  });
});
