import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CellError, mergeSweeps, runSweep, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, fixtures, folderDifference, readCells, tempDir } from './helpers.js';

const grid = { depths: [5, 6, 7, 8], seeds: { start: 0, count: 10 }, threads: 2, chunkSize: 12 }; // 80 cells
const faulty = join(fixtures, 'sweep-faulty-worker.mjs');
const sweep = (extra: Partial<SweepOptions>) => runSweep({ ...grid, out: tempDir('fail'), ...extra });

let reference: string;
beforeAll(async () => {
  reference = (await sweep({})).out;
});
afterEach(() => {
  delete process.env['SWEEP_FAULT'];
});
afterAll(cleanTemp);

describe('a failing cell', () => {
  it('is reported with its coordinates and the error; finished cells stay on disk and a rerun completes the sweep', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ arch: 'plain', depth: 7, seed: 4, mode: 'throw' });
    const out = tempDir('throw');
    const run = sweep({ out, workerFilename: faulty });
    await expect(run).rejects.toThrowError(CellError);
    const error = (await run.catch((e: unknown) => e)) as CellError;
    expect(error.cell).toEqual({ arch: 'plain', depth: 7, seed: 4 });
    expect(error.message).toMatch(/^Cell arch=plain depth=7 seed=4 failed: .*injected fault at plain depth 7 seed 4\n\d+ finished cells are saved in .*rerun the same command to resume/);
    const done = readFileSync(join(out, '.resume', 'done.u8'));
    expect(error.saved).toBe(done.reduce((a, b) => a + b, 0));
    // The task holding the fault ran the cells before it (plain depths 5 and 6 of seed 4); they are kept.
    const local = (depth: number, seed: number) => (depth - 5) * 10 + seed;
    expect([done[local(5, 4)], done[local(6, 4)], done[local(7, 4)]]).toEqual([1, 1, 0]);
    delete process.env['SWEEP_FAULT'];
    const resumed = await runSweep({ ...grid, out });
    expect(resumed.resumed).toBe(error.saved);
    expect(folderDifference(reference, out)).toBeNull();
  });
});

describe('non-finite results', () => {
  it('are written as "NaN"/"Infinity", counted per group and in the manifest, and survive a shard merge', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ arch: 'residual', depth: 6, seed: 2, mode: 'nan' });
    const r = await sweep({ workerFilename: faulty });
    expect(r.nonFinite).toBe(1);
    expect(r.manifest.nonFinite).toBe(1);
    const lines = readFileSync(join(r.out, 'cells.jsonl'), 'utf8').split('\n');
    const bad = lines.find((l) => l.startsWith('{"arch":"residual","depth":6,"seed":2,'))!;
    expect(bad).toMatch(/"xNorm":"NaN","ratio":"Infinity","ratioEps":\d/);
    expect(readCells(r.out).filter((c) => c['xNorm'] === 'NaN')).toHaveLength(1);
    const rows = readFileSync(join(r.out, 'summary.csv'), 'utf8').split('\n');
    expect(rows.find((l) => l.startsWith('residual,6,'))).toMatch(/^residual,6,10,1,/);
    expect(rows.find((l) => l.startsWith('residual,5,'))).toMatch(/^residual,5,10,0,/);
    // The group's ratio statistics are over its 9 finite ratios: they differ from the clean run's.
    const clean = readFileSync(join(reference, 'summary.csv'), 'utf8').split('\n').find((l) => l.startsWith('residual,6,'))!;
    expect(rows.find((l) => l.startsWith('residual,6,'))!.split(',')[4]).not.toBe(clean.split(',')[4]);
    expect(rows.find((l) => l.startsWith('residual,6,'))!.split(',')[4]).not.toBe('NaN');

    const a = await sweep({ workerFilename: faulty, shard: { index: 1, count: 2 } });
    const b = await sweep({ workerFilename: faulty, shard: { index: 2, count: 2 } });
    expect(a.nonFinite + b.nonFinite).toBe(1);
    const merged = await mergeSweeps([a.out, b.out], tempDir('merged'));
    expect(folderDifference(r.out, merged.out)).toBeNull();
    expect(existsSync(join(merged.out, '.resume'))).toBe(false);
  });
});
