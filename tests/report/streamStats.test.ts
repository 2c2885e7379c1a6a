import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSweep } from '@resnet/sweep';
import {
  MAX_OUTLIER_DOTS,
  figuresOfStats,
  loadSweep,
  readSweepHead,
  statsOfCells,
  streamSweepStats,
  streamedFiles,
  writeReport,
  type SweepStats,
} from '@resnet/report';

// A report streams its statistics from the folder (streamSweepStats: cells file and cellstats.f64, memory by
// groups, never by seeds); they must equal those of the cells read into memory (statsOfCells), whatever the passes.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'report-stream-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const streamed = async (dir: string, valuesPerPass?: number): Promise<SweepStats> => {
  const head = await readSweepHead(dir, undefined, streamedFiles);
  return (await streamSweepStats(head.root, head.manifest, head.paths.manifest, { valuesPerPass })).stats;
};

describe('streamed statistics', () => {
  it.each([
    ['a default grid', { depths: [3, 4, 6], seeds: { start: 5, count: 9 } }],
    [
      'a grid over two axes',
      { depths: [2, 4], seeds: { start: 0, count: 5 }, axes: { block: ['notebook', 'preact'] } },
    ],
    [
      'shard 2 of 3 (its first seed cut)',
      { depths: [3, 5, 7], seeds: { start: 0, count: 7 }, shard: { index: 2, count: 3 } },
    ],
  ] as const)('%s: equal statsOfCells of the cells, in one pass or in many', async (name, grid) => {
    const out = join(root, name.replace(/\W+/g, '-'));
    await runSweep({ ...grid, axes: 'axes' in grid ? { ...grid.axes } : undefined, threads: 1, out } as never);
    const fromCells = statsOfCells((await loadSweep(out)).cells);
    expect(await streamed(out)).toEqual(fromCells);
    expect(await streamed(out, 7)).toEqual(fromCells); // one layer a pass
    expect(await streamed(out, 30)).toEqual(fromCells); // a few layers a pass, a metric cut across passes
    expect(figuresOfStats(await streamed(out, 7)).map((f) => f.spec)).toEqual(
      figuresOfStats(fromCells).map((f) => f.spec),
    );
  });
});

describe('ratio-distribution of many seeds', () => {
  it(`bins the outliers of a depth that has more than ${MAX_OUTLIER_DOTS}, counting every one, and says so`, async () => {
    const out = join(root, 'many-seeds');
    await runSweep({ depths: [2, 3], archs: ['plain'], seeds: { start: 0, count: 1500 }, threads: 2, out });
    const stats = await streamed(out);
    for (const g of stats.groups) {
      const o = g.outliers!;
      expect(o.count).toBeGreaterThan(MAX_OUTLIER_DOTS);
      expect(o.dots).toEqual([]);
      expect(o.bins.reduce((a, b) => a + b.seeds, 0)).toBe(o.count); // every ratio here is positive
      for (const b of o.bins) expect(b.min <= b.value && b.value <= b.max).toBe(true);
    }
    const r = await writeReport(out, { formats: ['svg'] });
    const svg = await readFile(join(out, 'figures', 'ratio-distribution.svg'), 'utf8');
    expect(svg.length).toBeLessThan(200_000);
    const html = await readFile(r.html!, 'utf8');
    expect(html).toMatch(
      /at 2 depths with more than 50 such seeds they are binned instead: one dot per eighth of a decade/,
    );
  });
});
