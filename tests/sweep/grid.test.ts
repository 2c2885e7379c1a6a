import { describe, expect, it } from 'vitest';
import {
  GridError,
  parseFormats,
  GridTooLargeError,
  estimateGridMemory,
  parseArchs,
  parseDepths,
  parseSeeds,
  parseShard,
  resolveSweepOptions,
  shardFromEnv,
  WORK_PER_DEFAULT_THREAD,
} from '@resnet/sweep';
import { availableParallelism } from 'node:os';

describe('parseDepths', () => {
  it('reads a range, a stepped range, a list and a mix, ascending and distinct', () => {
    expect(parseDepths('5..8')).toEqual([5, 6, 7, 8]);
    expect(parseDepths('5..40:5')).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(parseDepths('5,10,20')).toEqual([5, 10, 20]);
    expect(parseDepths('20, 5..7,6')).toEqual([5, 6, 7, 20]);
    expect(parseDepths('5..40')).toHaveLength(36);
  });

  it('rejects a descending range, naming --depths and the fix', () => {
    expect(() => parseDepths('40..5')).toThrowError(GridError);
    expect(() => parseDepths('40..5')).toThrowError(
      /--depths: got "40\.\.5"; expected an ascending range.*Write 5\.\.40/,
    );
  });

  it('rejects text that is no depth list, saying what is accepted', () => {
    expect(() => parseDepths('abc')).toThrowError(/--depths: got "abc"; expected positive integers as a range a\.\.b/);
    expect(() => parseDepths('')).toThrowError(/--depths/);
    expect(() => parseDepths('5..')).toThrowError(/--depths/);
    expect(() => parseDepths('0..3')).toThrowError(/--depths.*start at 1/);
    expect(() => parseDepths('5..10:0')).toThrowError(/--depths.*step/);
    expect(() => parseDepths('1..1000000000')).toThrowError(/at most 10000 distinct depths/);
  });
});

describe('parseSeeds', () => {
  it('reads a count as seeds 0..n-1 and an inclusive range', () => {
    expect(parseSeeds('100')).toEqual({ start: 0, count: 100 });
    expect(parseSeeds(100)).toEqual({ start: 0, count: 100 });
    expect(parseSeeds('1000..1099')).toEqual({ start: 1000, count: 100 });
    expect(parseSeeds('7..7')).toEqual({ start: 7, count: 1 });
  });

  it('rejects --seeds 0, a descending range, non-numbers and seeds past 2^32-1', () => {
    expect(() => parseSeeds('0')).toThrowError(/--seeds: got "0".*A sweep needs at least one seed/);
    expect(() => parseSeeds(0)).toThrowError(GridError);
    expect(() => parseSeeds('1099..1000')).toThrowError(/--seeds.*ascending.*Write 1000\.\.1099/);
    expect(() => parseSeeds('abc')).toThrowError(/--seeds: got "abc"; expected a seed count n >= 1/);
    expect(() => parseSeeds(2.5)).toThrowError(/--seeds/);
    expect(() => parseSeeds('4294967290..4294967300')).toThrowError(/--seeds.*4294967295/);
  });
});

describe('parseArchs and parseShard', () => {
  it('reads archs in the given order without duplicates', () => {
    expect(parseArchs('plain,residual')).toEqual(['plain', 'residual']);
    expect(parseArchs('residual, plain,residual')).toEqual(['residual', 'plain']);
    expect(() => parseArchs('plain,resnet')).toThrowError(
      /--archs: got "resnet"; expected a comma-separated list of plain, residual/,
    );
  });

  it('reads i/n shards and rejects 0/4, 5/4 and junk', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(() => parseShard('0/4')).toThrowError(/--shard.*1 <= i <= n/);
    expect(() => parseShard('5/4')).toThrowError(/--shard/);
    expect(() => parseShard('two')).toThrowError(/--shard: got "two"/);
  });
});

describe('shardFromEnv', () => {
  it('is null outside an array job', () => {
    expect(shardFromEnv({})).toBeNull();
  });

  it('maps SLURM array ids to 1-based shards, respecting SLURM_ARRAY_TASK_MIN and STEP', () => {
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({
      index: 4,
      count: 4,
    });
    expect(
      shardFromEnv({
        SLURM_ARRAY_TASK_ID: '8',
        SLURM_ARRAY_TASK_COUNT: '4',
        SLURM_ARRAY_TASK_MIN: '0',
        SLURM_ARRAY_TASK_STEP: '4',
      }),
    ).toEqual({
      index: 3,
      count: 4,
    });
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4' })).toThrowError(
      /SLURM_ARRAY_TASK_ID/,
    );
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '4' }, 8)).toThrowError(
      /--shards: got 8.*SLURM_ARRAY_TASK_COUNT \(4\)/,
    );
  });

  it('maps an AWS Batch AWS_BATCH_JOB_ARRAY_INDEX (0-based) to shard index+1 of --shards, and needs --shards', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 4)).toEqual({ index: 1, count: 4 });
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '3' }, 4)).toEqual({ index: 4, count: 4 });
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '4' }, 4)).toThrowError(/AWS_BATCH_JOB_ARRAY_INDEX/);
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '1' })).toThrowError(/--shards.*array job's size/);
    expect(() => shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: 'x' }, 4)).toThrowError(/AWS_BATCH_JOB_ARRAY_INDEX/);
  });

  it('maps a Kubernetes JOB_COMPLETION_INDEX to shard index+1 of --shards', () => {
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0' }, 3)).toEqual({ index: 1, count: 3 });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '2' }, 3)).toEqual({ index: 3, count: 3 });
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '3' }, 3)).toThrowError(/JOB_COMPLETION_INDEX/);
    expect(() => shardFromEnv({ JOB_COMPLETION_INDEX: '1' })).toThrowError(/--shards.*JOB_COMPLETION_INDEX/);
  });

  it('refuses --shards with no index variable set (it would run the whole grid on every machine), naming what it looked for', () => {
    const run = () => shardFromEnv({}, 3);
    expect(run).toThrowError(GridError);
    expect(run).toThrowError(
      /^--shards: got 3; expected a shard index from SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, none of which is set/,
    );
    expect(() => shardFromEnv({ SLURM_ARRAY_TASK_ID: '' }, 3)).toThrowError(/--shards/);
  });
});

describe('resolveSweepOptions', () => {
  const base = { depths: [5, 10], seeds: { start: 0, count: 10 }, out: '/tmp/unused' };

  it('by default starts a worker thread per WORK_PER_DEFAULT_THREAD of work, up to the cores; --threads is taken as given', () => {
    const readme = { depths: parseDepths('5..40'), seeds: { start: 0, count: 100 }, out: '/tmp/unused' };
    const cores = availableParallelism();
    const work = (seeds: number) => {
      const o = resolveSweepOptions({ ...readme, seeds: { start: 0, count: seeds }, threads: 1 });
      return (o.layout.cellCount / o.layout.groupCount) * o.layout.normals.reduce((a, b) => a + b, 0);
    };
    expect(work(100)).toBeLessThan(WORK_PER_DEFAULT_THREAD); // the README grid: one worker
    expect(resolveSweepOptions(readme).threads).toBe(1);
    expect(resolveSweepOptions({ ...readme, threads: 2 }).threads).toBe(2);
    expect(work(300)).toBeGreaterThan(WORK_PER_DEFAULT_THREAD);
    expect(resolveSweepOptions({ ...readme, seeds: { start: 0, count: 300 } }).threads).toBe(Math.min(cores, 2));
    expect(resolveSweepOptions({ ...readme, seeds: { start: 0, count: 100_000 } }).threads).toBe(cores);
  });

  it('fills the defaults: both archs, width and input 16, sorted depths, Parquet output', () => {
    const o = resolveSweepOptions({ ...base, depths: [10, 5, 10], threads: 2 });
    expect(o.grid).toEqual({
      archs: ['plain', 'residual'],
      depths: [5, 10],
      seeds: { start: 0, count: 10 },
      width: 16,
      inputSize: 16,
      shard: null,
    });
    expect(o.threads).toBe(2);
    expect(o.formats).toEqual(['parquet']);
    expect(o.layout.cellCount).toBe(40);
    expect(resolveSweepOptions({ ...base, formats: ['jsonl', 'parquet', 'jsonl'] }).formats).toEqual([
      'jsonl',
      'parquet',
    ]);
    expect(parseFormats('parquet, jsonl')).toEqual(['parquet', 'jsonl']);
  });

  it('cuts the grid into units of work by the grid alone: seed-major ranges, >= 64 when there are cells for it, at most 1024 cells', () => {
    const units = (seeds: number, extra = {}) =>
      resolveSweepOptions({ ...base, depths: parseDepths('5..40'), seeds: { start: 0, count: seeds }, ...extra })
        .layout;
    expect(units(100).cut).toMatchObject({ count: 100, seedsPerUnit: 1 }); // the README grid: one seed (72 cells) per unit
    expect(units(10_000).cut).toMatchObject({ seedsPerUnit: 14 }); // 1,008 cells per unit
    expect(units(10_000, { threads: 1 }).cut).toEqual(units(10_000, { threads: 16 }).cut);
    const small = units(3);
    expect(small.cut.count).toBeGreaterThanOrEqual(64);
    // Shard i of n: a contiguous unit range; the shards tile the grid.
    const shards = [1, 2, 3].map((index) => units(100, { shard: { index, count: 3 } }));
    expect(shards.map((l) => [l.firstUnit, l.lastUnit])).toEqual([
      [0, 33],
      [33, 66],
      [66, 100],
    ]);
    expect(shards.map((l) => l.cellCount).reduce((a, b) => a + b)).toBe(7200);
  });

  it('rejects a plain depth below 2, pointing to the residual arch', () => {
    expect(() => resolveSweepOptions({ ...base, depths: [1, 5] })).toThrowError(
      /--depths: got 1; expected depths >= 2 with the plain arch.*--archs residual/,
    );
    expect(resolveSweepOptions({ ...base, depths: [1, 5], archs: ['residual'] }).grid.depths).toEqual([1, 5]);
  });

  it('names the flag of every bad field', () => {
    expect(() => resolveSweepOptions({ ...base, threads: 0 })).toThrowError(/--threads/);
    expect(() => resolveSweepOptions({ ...base, formats: ['csv' as never] })).toThrowError(
      /^--format: got "csv"; expected a non-empty comma-separated list of parquet, jsonl/,
    );
    expect(() => resolveSweepOptions({ ...base, formats: [] })).toThrowError(/--format/);
    expect(() => parseFormats('parquet,feather')).toThrowError(/--format: got "feather"/);
    expect(() => resolveSweepOptions({ ...base, width: -1 })).toThrowError(/--width/);
    expect(() => resolveSweepOptions({ ...base, out: '' })).toThrowError(/--out/);
    expect(() => resolveSweepOptions({ ...base, seeds: { start: 0, count: 0 } })).toThrowError(/--seeds/);
    expect(() => resolveSweepOptions({ ...base, archs: [] })).toThrowError(/--archs/);
    expect(() => resolveSweepOptions({ ...base, shard: { index: 3, count: 2 } })).toThrowError(/--shard/);
  });

  it('refuses a grid too large for memory, showing the estimate and what to do', () => {
    const huge = { ...base, depths: parseDepths('5..40'), seeds: parseSeeds('4000000000') };
    let error: unknown;
    try {
      resolveSweepOptions(huge);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GridTooLargeError);
    expect((error as GridTooLargeError).estimate).toBeGreaterThan(1e13); // 40 bytes of summary values per cell at least
    expect(String(error)).toMatch(
      /too large: it needs an estimated [\d.]+ (GB|TB) of memory.*288000000000 cells.*--shard i\/n/,
    );
    // The same grid split over enough machines fits.
    expect(() => resolveSweepOptions({ ...huge, shard: { index: 1, count: 100_000 } })).not.toThrow();
  });

  it('estimates the 720,000-cell grid under 1 GB on 2 and on 16 threads', () => {
    for (const threads of [2, 16]) {
      const o = resolveSweepOptions({ ...base, depths: parseDepths('5..40'), seeds: parseSeeds('10000'), threads });
      expect(o.layout.cellCount).toBe(720_000);
      expect(estimateGridMemory(o).total).toBeLessThan(1e9);
    }
  });
});
