import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSweep } from '@resnet/sweep';
import { cleanTemp, fixtures, readCells, tempDir } from './helpers.js';

// A folder of little work runs on the calling thread (SweepOptions.inline): a worker would take longer to start.
const counting = join(fixtures, 'sweep-thread-worker.mjs');
const inlineUnits = () => (globalThis as { resnetInlineUnits?: number }).resnetInlineUnits ?? 0;

afterAll(() => cleanTemp());

describe('a small sweep', () => {
  it('computes its units on the calling thread, cells equal to those of workers', async () => {
    const before = inlineUnits();
    const one = await runSweep({
      depths: [5, 9],
      seeds: { start: 7, count: 1 },
      formats: ['parquet', 'jsonl'],
      out: tempDir('inline1'),
      workerFilename: counting,
      inline: true,
    });
    const ran = inlineUnits() - before;
    expect(ran).toBeGreaterThan(0);
    // The same cells in a grid of many units, on two worker threads.
    const many = await runSweep({
      depths: [5, 9],
      seeds: { start: 0, count: 1000 },
      threads: 2,
      formats: ['jsonl'],
      out: tempDir('inlineMany'),
      workerFilename: counting,
      inline: true,
    });
    expect(inlineUnits() - before).toBe(ran); // too much work for the calling thread: every unit ran on a worker
    const key = (c: Record<string, unknown>) => `${c['arch']} ${c['depth']} ${c['seed']}`;
    const wanted = new Map(
      readCells(many.out)
        .filter((c) => c['seed'] === 7)
        .map((c) => [key(c), c]),
    );
    const cells = readCells(one.out);
    expect(cells).toHaveLength(4);
    for (const c of cells) expect(c).toEqual(wanted.get(key(c)));
  });
});
