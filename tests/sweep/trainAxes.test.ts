import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OptionsError, trainRun, firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { ConfigMismatchError, GridError, parseAxes, parseCsv } from '@resnet/sweep';
import { mergeTrainFolders, readRuns, runTrainSweep, type TrainSweepOptions } from '@resnet/sweep/train';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

// Training takes the sweep's axes: --branch-scale 1,'1/sqrt(blocks)' is a grid axis (residual nets only), and
// --depth-unit reads --depths as the sweep does. 1 epoch on 200 digits, width 8: each run a few steps.
let base: Omit<TrainSweepOptions, 'out'>;
let reference: string;

beforeAll(async () => {
  const split = loadMnist({ shared: true });
  base = {
    depths: [4, 6],
    seeds: 2,
    axes: { branchScale: [1, '1/sqrt(blocks)'] },
    train: { epochs: 1, batchSize: 64, width: 8 },
    data: { name: 'mnist-200', train: firstRows(split.train, 200), test: firstRows(split.test, 50) },
    threads: 2,
    formats: ['parquet', 'jsonl'],
  };
  reference = (await runTrainSweep({ ...base, out: tempDir('train-axes-ref') })).out;
});
afterAll(cleanTemp);

describe('training over variant axes', () => {
  it('runs every branch scale of the list on the residual nets only, in canonical order, each with its value', () => {
    const { runs } = readRuns(reference);
    // Per seed: plain 4, 6; residual eta=1 at 4, 6; residual eta=1/sqrt(blocks) at 4, 6.
    expect(runs).toHaveLength(12);
    expect(runs.slice(0, 6).map((r) => `${r.arch}:${r.depth}:${r.options['branchScale']}`)).toEqual([
      'plain:4:1',
      'plain:6:1',
      'residual:4:1',
      'residual:6:1',
      'residual:4:1',
      `residual:6:${1 / Math.sqrt(2)}`,
    ]);
    expect(runs.slice(0, 6).map((r) => r.axes?.['branchScaleExpr'] ?? null)).toEqual([
      null,
      null,
      '1',
      '1',
      '1/sqrt(blocks)',
      '1/sqrt(blocks)',
    ]);
    // Both files give the same records (a plain net has no value of a residual-only axis in either).
    expect(readRuns(reference, 'jsonl').runs).toEqual(runs);
    expect(runs[4]!.axes).toEqual({ branchScaleExpr: '1/sqrt(blocks)' });
  });

  it('trains each run exactly as core trains that net with that branch scale', () => {
    const { runs } = readRuns(reference);
    const last = runs[5]!; // residual, 6 layers (2 blocks), eta = 1/sqrt(2), seed 0
    const direct = trainRun(
      { ...base.train, arch: 'residual', depth: 6, seed: 0, branchScale: 1 / Math.sqrt(2) },
      { train: base.data.train, test: base.data.test! },
    );
    expect(last.finalTrainLoss).toBe(direct.epochs.at(-1)!.trainLoss);
  });

  it('writes the axis columns in summary.csv and the axis in the manifest grid', () => {
    const rows = parseCsv(readFileSync(join(reference, 'summary.csv'), 'utf8'));
    expect(rows[0]!.slice(0, 5)).toEqual(['arch', 'branchScale', 'branchScaleExpr', 'depth', 'count']);
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual([
      ['plain', '', '', '4', '2'],
      ['plain', '', '', '6', '2'],
      ['residual', '1', '1', '4', '2'],
      ['residual', '1', '1', '6', '2'],
      ['residual', '1', '1/sqrt(blocks)', '4', '2'],
      ['residual', String(1 / Math.sqrt(2)), '1/sqrt(blocks)', '6', '2'],
    ]);
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ branchScale: [1, '1/sqrt(blocks)'] });
    expect(manifest.options.branchScale).toBeUndefined();
    expect(manifest.runCount).toBe(12);
  });

  it('shards merged through the shared merge equal the single run; resuming another axis list is refused', async () => {
    const shards = [1, 2, 3].map((index) => tempDir(`train-axes-s${index}`));
    for (const [i, out] of shards.entries()) await runTrainSweep({ ...base, shard: { index: i + 1, count: 3 }, out });
    const merged = join(tempDir('train-axes-merged'), 'all');
    expect((await mergeTrainFolders([shards[2]!, shards[0]!, shards[1]!], merged)).runCount).toBe(12);
    expect(folderDifference(reference, merged)).toBeNull();
    await expect(runTrainSweep({ ...base, axes: { branchScale: [1, 0.5] }, out: reference })).rejects.toThrow(
      ConfigMismatchError,
    );
    await expect(runTrainSweep({ ...base, axes: { branchScale: [1, 0.5] }, out: reference })).rejects.toThrow(
      /--branch-scale: folder has \[1,"1\/sqrt\(blocks\)"\], requested \[1,0\.5\]/,
    );
  });

  it('takes one value as the option it sets (the manifest unchanged from a plain option) and refuses per-block symbols', async () => {
    const single = await runTrainSweep({
      ...base,
      axes: { branchScale: ['invSqrtBlocks'] },
      depths: [4],
      out: tempDir('a'),
    });
    const option = await runTrainSweep({
      ...base,
      axes: undefined,
      train: { ...base.train, branchScale: 'invSqrtBlocks' },
      depths: [4],
      out: tempDir('b'),
    });
    expect(folderDifference(single.out, option.out)).toBeNull();
    expect(single.manifest.options['branchScale']).toBe('invSqrtBlocks');
    expect(() => parseAxes({ branchScale: '1/sqrt(block)' }, 'train')).toThrow(GridError);
    expect(() => parseAxes({ branchScale: '1/sqrt(block)' }, 'train')).toThrow(/one value per net/);
    expect(() => parseAxes({ block: 'preact' }, 'train')).toThrow(/axes: got "block"; expected one of branchScale/);
  });

  it('reads --depths in --depth-unit blocks: both archs get 2*blocks+2 weight layers', async () => {
    const r = await runTrainSweep({
      ...base,
      axes: { depthUnit: 'blocks' },
      depths: [1, 2],
      seeds: 1,
      out: tempDir('train-blocks'),
    });
    expect(r.runs.map((run) => `${run.arch}:${run.depth}`)).toEqual(['plain:4', 'plain:6', 'residual:4', 'residual:6']);
    expect(r.summary.map((row) => row.depth)).toEqual([1, 2, 1, 2]);
    expect(r.manifest.grid.axes).toEqual({ depthUnit: 'blocks' });
    await expect(
      runTrainSweep({ ...base, axes: { depthUnit: 'layers' }, depths: [5], archs: ['residual'], out: tempDir('x') }),
    ).rejects.toBeInstanceOf(OptionsError);
  });
});
