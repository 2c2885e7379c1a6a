// Resource limits (issue 19): a grid is sized from its counts before anything is built or allocated, and what does
// not fit is refused naming the flags that size it, for training as for the sweep.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { GridError, GridTooLargeError, resolveSweepOptions } from '@resnet/sweep';
import { resolveTrainGrid, runTrainSweep, type TrainSweepOptions } from '@resnet/sweep/train';
import { cleanTemp, tempDir } from './helpers.js';
import { resnet } from '../cli/run.js';

afterAll(cleanTemp);

const GB = 2 ** 30;

describe('resnet train is sized before it starts (it grew to 24 GB and was OOM-killed, or died naming no flag)', () => {
  it.each<[string, Omit<TrainSweepOptions, 'data' | 'out'>, RegExp]>([
    ['--depths 100000', { depths: [100_000] }, /shallower --depths \(the deepest has 100,000 layers\)/],
    ['--width 16000', { train: { width: 16_000 } }, /smaller --width \(16000\)/],
    ['--width 65536', { train: { width: 65_536 } }, /smaller --width \(65536\)/],
    ['--seeds 100000000', { seeds: 100_000_000 }, /fewer --seeds \(100,000,000\)/],
  ])('%s is refused by the memory estimate, naming the flag', (_flag, grid, flag) => {
    // Before: --depths and --width passed (their nets were allocated in the workers: 24 GB, or "Array buffer
    // allocation failed"); --seeds built an array of 8e8 runs ("Invalid array length").
    const run = () => resolveTrainGrid({ threads: 2, memoryLimit: 12 * GB, ...grid });
    expect(run).toThrowError(GridTooLargeError);
    expect(run).toThrowError(/The grid is too large: it needs an estimated .* of memory, but only 12\.0 GB is allowed/);
    expect(run).toThrowError(flag);
  });

  it('the default grid and a wide but fitting one pass', () => {
    expect(resolveTrainGrid({ threads: 2, memoryLimit: 12 * GB }).plan.runCount).toBe(24);
    expect(resolveTrainGrid({ threads: 2, memoryLimit: 12 * GB, train: { width: 1024 } }).plan.runCount).toBe(24);
  });

  it('the CLI refuses before loading any data, exit 2, naming the flag', async () => {
    const r = await resnet('train', '--width', '65536', '--out', join(tempDir('cli-wide'), 'out'), '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^resnet: The grid is too large: .*smaller --width \(65536\)/);
  });

  it('and by a disk estimate: a folder too large for the disk is refused and nothing is created', async () => {
    const split = loadMnist({ shared: true });
    const out = join(tempDir('train-disk'), 'new');
    // 80,000 runs of 10^7 epochs: about 3 x 10^7 values each, petabytes of runs files. The memory limit is lifted
    // so that the disk check is what refuses it (before: no disk estimate; it started training).
    const run = runTrainSweep({
      seeds: 10_000,
      train: { epochs: 10_000_000, width: 8 },
      data: { name: 'mnist-50', train: firstRows(split.train, 50), test: firstRows(split.test, 10) },
      out,
      memoryLimit: 1e18,
      threads: 1,
    });
    await expect(run).rejects.toThrowError(GridTooLargeError);
    await expect(run).rejects.toThrowError(/of disk/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('large variant grids are sized from their counts before they are expanded', () => {
  it('a product of long axes is refused at once, naming the flags and their counts', () => {
    const values = Array.from({ length: 3000 }, (_, i) => 1 + i / 1000);
    const t0 = performance.now();
    const run = () =>
      resolveSweepOptions({
        depths: [5, 6],
        seeds: { start: 0, count: 1 },
        axes: { branchScale: values, shortcutScale: values },
        out: tempDir('product'),
      });
    // Before: 9,000,000 residual variants were built (GBs, minutes) before any check.
    expect(run).toThrowError(GridError);
    expect(run).toThrowError(
      /--depths \(2 values\) x --branch-scale \(3,000 values\) x --shortcut-scale \(3,000 values\): got "18,000,002 \(arch, variant, depth\) groups"; expected at most 1,000,000 groups/,
    );
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('thousands of values on one axis are sized, not a stack overflow', () => {
    // 2 archs x 3,000 widths x 40 depths = 240,000 groups: before, Math.max(...records) overflowed the stack.
    const widths = Array.from({ length: 3000 }, (_, i) => i + 1);
    const run = () =>
      resolveSweepOptions({
        depths: Array.from({ length: 40 }, (_, i) => i + 5),
        seeds: { start: 0, count: 1 },
        axes: { width: widths },
        threads: 2,
        out: tempDir('widths'),
        memoryLimit: 12 * GB,
      });
    expect(run).toThrowError(GridTooLargeError);
    expect(run).toThrowError(/of memory/);
  });
});
