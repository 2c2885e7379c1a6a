import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { parquetReadObjects } from 'hyparquet';
import { RunError, TrainAbortedError, readRuns, runTrainSweep, type TrainSweepOptions } from '@resnet/sweep/train';
import { cleanTemp, fixtures, folderDifference, tempDir } from './helpers.js';

const faulty = join(fixtures, 'train-faulty-worker.mjs');
let base: Omit<TrainSweepOptions, 'out'>;

beforeAll(() => {
  const split = loadMnist({ shared: true });
  base = {
    depths: [4, 6],
    seeds: 2,
    train: { epochs: 1, batchSize: 64, width: 16 },
    data: { name: 'mnist-300', train: firstRows(split.train, 300), test: firstRows(split.test, 100) },
    threads: 1,
  };
});
afterEach(() => {
  delete process.env['TRAIN_FAULT'];
});
afterAll(cleanTemp);

describe('training sweep failures', () => {
  it('a run that throws names its arch, depth and seed; finished runs stay and the rerun completes the same bytes', async () => {
    const out = tempDir('train-throw');
    process.env['TRAIN_FAULT'] = JSON.stringify({ mode: 'throw', arch: 'plain', depth: 4, seed: 1 });
    const error = await runTrainSweep({ ...base, out, workerFilename: faulty }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RunError);
    expect((error as RunError).run).toEqual({ k: 4, arch: 'plain', depth: 4, seed: 1 });
    expect((error as RunError).kind).toBe('failure');
    expect((error as Error).message).toMatch(
      /^Run arch=plain depth=4 seed=1 failed: OptionsError: lr must be a finite number >= 0; got -1\.\n\d+ finished runs are saved in /,
    );
    const saved = (error as RunError).saved;
    expect(saved).toBeGreaterThan(0); // the depth-6 runs go first
    delete process.env['TRAIN_FAULT'];
    const resumed = await runTrainSweep({ ...base, out });
    expect(resumed.resumed).toBe(saved);
    const reference = await runTrainSweep({ ...base, out: tempDir('train-throw-ref') });
    expect(folderDifference(reference.out, out)).toBeNull();
  });

  it('a signal stops a run inside a long step within a second: its worker is terminated, the rerun ends the same bytes', async () => {
    const out = tempDir('train-spin');
    // The first run dispatched (the deepest, ties by k: plain depth 6, seed 0) spends 60 s in one step, never looking at
    // the stop flag.
    process.env['TRAIN_FAULT'] = JSON.stringify({ mode: 'spin', arch: 'plain', depth: 6, seed: 0 });
    const stop = new AbortController();
    let stoppedAt = 0;
    const run = runTrainSweep(
      { ...base, out, workerFilename: faulty },
      {
        signal: stop.signal,
        progressIntervalMs: 10,
        onProgress: (p) => {
          if (p.done > 0 && !stop.signal.aborted) {
            stoppedAt = performance.now();
            stop.abort(); // the spinning step is under way
          }
        },
      },
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    const seconds = (performance.now() - stoppedAt) / 1000;
    // Before: the core waited for the task to return, i.e. the whole 60 s step (a real one: minutes).
    expect(error).toBeInstanceOf(TrainAbortedError);
    expect(stoppedAt).toBeGreaterThan(0);
    expect(seconds).toBeLessThan(5); // the grace (0.5 s) and the worker's termination; the step would take 60 s
    delete process.env['TRAIN_FAULT'];
    const resumed = await runTrainSweep({ ...base, out });
    const reference = await runTrainSweep({ ...base, out: tempDir('train-spin-ref') });
    expect(resumed.computed).toBe(8);
    expect(folderDifference(reference.out, out)).toBeNull();
  });

  it('a worker that dies is a RunError too, and nothing is published', async () => {
    const out = tempDir('train-die');
    process.env['TRAIN_FAULT'] = JSON.stringify({ mode: 'die', arch: 'residual', depth: 6, seed: 0 });
    await expect(runTrainSweep({ ...base, out, workerFilename: faulty })).rejects.toThrow(
      /Run arch=residual depth=6 seed=0 failed: its worker failed/,
    );
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
  });

  it('a diverged run (NaN loss) is kept as NaN in runs.parquet, null in runs.jsonl, named in nonFinite and counted', async () => {
    const out = tempDir('train-nan');
    const r = await runTrainSweep({
      ...base,
      archs: ['plain'],
      depths: [4],
      seeds: 1,
      train: { ...base.train, lr: 1e6, batchNorm: false },
      formats: ['parquet', 'jsonl'],
      out,
    });
    expect(r.manifest.nonFinite).toBe(1);
    expect(r.runs[0]!.finalTrainLoss).toBeNaN();
    expect(r.runs[0]!.trainLoss).toEqual([NaN]);
    // The gradient norms are finite at initialisation (the first 4) and NaN after the diverged epoch.
    const nonFinite =
      'trainLoss[0]=NaN gradNorms[4]=NaN gradNorms[5]=NaN gradNorms[6]=NaN gradNorms[7]=NaN finalTrainLoss=NaN';
    expect(r.runs[0]!.gradNorms.slice(0, 4).every(Number.isFinite)).toBe(true);
    expect(r.runs[0]!.gradNorms.slice(4)).toEqual([NaN, NaN, NaN, NaN]);
    expect(r.runs[0]!.nonFinite).toBe(nonFinite);
    const line = readFileSync(join(out, 'runs.jsonl'), 'utf8');
    expect(line).toContain('"finalTrainLoss":null');
    expect(line).toContain(`"nonFinite":"${nonFinite}"`);
    const fromParquet = readRuns(out, 'parquet').runs;
    expect(fromParquet).toEqual(readRuns(out, 'jsonl').runs);
    expect(fromParquet[0]!.finalTrainLoss).toBeNaN();
    // An independent reader sees the IEEE NaN itself in runs.parquet.
    const bytes = readFileSync(join(out, 'runs.parquet'));
    const [row] = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    })) as Array<Record<string, unknown>>;
    expect(row!['finalTrainLoss']).toBeNaN();
    expect(row!['nonFinite']).toBe(nonFinite);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(/^plain,4,1,1,/);
  });
});
