import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parquetReadObjects } from 'hyparquet';
import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import { CellError, mergeSweeps, runSweep, SweepAbortedError, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, fixtures, folderDifference, readCells, savedCells, tempDir } from './helpers.js';

const grid = {
  depths: [5, 6, 7, 8],
  seeds: { start: 0, count: 10 },
  threads: 2,
  formats: ['parquet' as const, 'jsonl' as const],
}; // 80 cells
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
  it('is reported with its coordinates and the error; committed blocks stay on disk and a rerun completes the sweep', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ arch: 'plain', depth: 7, seed: 4, mode: 'throw' });
    const out = tempDir('throw');
    const run = sweep({ out, workerFilename: faulty });
    await expect(run).rejects.toThrowError(CellError);
    const error = (await run.catch((e: unknown) => e)) as CellError;
    expect(error.kind).toBe('failure');
    expect(error.cell).toEqual({ arch: 'plain', depth: 7, seed: 4 });
    expect(error.message).toMatch(
      /^Cell arch=plain depth=7 seed=4 failed: .*injected fault at plain depth 7 seed 4\n\d+ finished cells are saved in .*rerun the same command to resume/,
    );
    expect(error.saved).toBe(savedCells(out));
    // Cells are saved in canonical order up to the failing cell's block at most (k = seed * 8 + group).
    expect(error.saved).toBeLessThanOrEqual(4 * 8 + 2);
    delete process.env['SWEEP_FAULT'];
    const resumed = await runSweep({ ...grid, out });
    expect(resumed.resumed).toBe(error.saved);
    expect(folderDifference(reference, out)).toBeNull();
  });

  it('whose worker thread dies is reported as a failure naming the cells it ran; a rerun completes', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ arch: 'residual', depth: 5, seed: 6, mode: 'die' });
    const out = tempDir('die');
    const run = sweep({ out, workerFilename: faulty });
    await expect(run).rejects.toThrowError(/A worker died: its worker failed while running cells \d+\.\.\d+/);
    delete process.env['SWEEP_FAULT'];
    await runSweep({ ...grid, out });
    expect(folderDifference(reference, out)).toBeNull();
  });
});

describe('non-finite results', () => {
  it('are written as null with a nonFinite string naming each, counted per group and in the manifest, and survive a shard merge', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ arch: 'residual', depth: 6, seed: 2, mode: 'nan' });
    const r = await sweep({ workerFilename: faulty });
    expect(r.nonFinite).toBe(1);
    expect(r.manifest.nonFinite).toBe(1);
    const lines = readFileSync(join(r.out, 'cells.jsonl'), 'utf8').split('\n');
    const bad = lines.find((l) => l.startsWith('{"arch":"residual","depth":6,"seed":2,'))!;
    expect(bad).toMatch(/"xNorm":null,"ratio":null,"ratioEps":\d[^,]*,/);
    expect(bad).toMatch(/"actNorms":\[[-\d.e+]+,null,/);
    expect(bad).toMatch(/"nonFinite":"xNorm=NaN ratio=Infinity actNorms\[1\]=-Infinity"\}$/);
    const cells = readCells(r.out);
    expect(cells.filter((c) => c['nonFinite'] !== '')).toHaveLength(1);
    const rows = readFileSync(join(r.out, 'summary.csv'), 'utf8').split('\n');
    expect(rows.find((l) => l.startsWith('residual,6,'))).toMatch(/^residual,6,10,1,/);
    expect(rows.find((l) => l.startsWith('residual,5,'))).toMatch(/^residual,5,10,0,/);
    // The group's ratio statistics are over its 9 finite ratios: they differ from the clean run's.
    const clean = readFileSync(join(reference, 'summary.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('residual,6,'))!;
    expect(rows.find((l) => l.startsWith('residual,6,'))!.split(',')[4]).not.toBe(clean.split(',')[4]);
    expect(rows.find((l) => l.startsWith('residual,6,'))!.split(',')[4]).not.toBe('NaN');

    // An independent reader (hyparquet) finds in cells.parquet every value of cells.jsonl, NaN and ±Infinity as floats where JSON has null.
    const bytes = readFileSync(join(r.out, 'cells.parquet'));
    const parquetRows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    })) as Array<Record<string, unknown>>;
    expect(parquetRows).toHaveLength(cells.length);
    const asJson = (v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
    parquetRows.forEach((row, i) => {
      const c = cells[i]!;
      expect([
        row['arch'],
        row['depth'],
        Number(row['seed']),
        row['width'],
        row['inputSize'],
        row['nonFinite'],
      ]).toEqual([c['arch'], c['depth'], c['seed'], c['width'], c['inputSize'], c['nonFinite']]);
      for (const k of CELL_SCALARS) expect(asJson(row[k]), k).toBe(c[k]);
      for (const k of CELL_ARRAYS) expect((row[k] as number[]).map(asJson), k).toEqual(c[k]);
    });
    const badRow = parquetRows.find((row) => row['nonFinite'] !== '')!;
    expect([Number.isNaN(badRow['xNorm']), badRow['ratio'], (badRow['actNorms'] as number[])[1]]).toEqual([
      true,
      Infinity,
      -Infinity,
    ]);

    const a = await sweep({ workerFilename: faulty, shard: { index: 1, count: 2 } });
    const b = await sweep({ workerFilename: faulty, shard: { index: 2, count: 2 } });
    expect(a.nonFinite + b.nonFinite).toBe(1);
    const merged = await mergeSweeps([a.out, b.out], tempDir('merged'));
    expect(folderDifference(r.out, merged.out)).toBeNull();
  });
});

describe('a stop that lands inside a unit', () => {
  const big = { ...grid, depths: [5, 10, 20, 40], seeds: { start: 0, count: 300 } }; // 2,400 cells

  /**
   * Runs `big` on `threads` with the fault `SWEEP_FAULT`, stops it once a cell is done, and checks that some but
   * not all cells were saved (as many as on disk) and that the rerun completes the folder to a fresh run's bytes.
   */
  async function stopOnceACellIsDone(fault: object, threads: number, name: string): Promise<void> {
    process.env['SWEEP_FAULT'] = JSON.stringify(fault);
    const out = tempDir(name);
    const controller = new AbortController();
    const error = await runSweep(
      { ...big, threads, out, workerFilename: faulty },
      { signal: controller.signal, progressIntervalMs: 5, onProgress: (p) => p.done >= 1 && controller.abort() },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SweepAbortedError);
    const saved = (error as SweepAbortedError).saved;
    expect(saved).toBeGreaterThan(0);
    expect(saved).toBeLessThan(2400);
    expect(savedCells(out)).toBe(saved);
    delete process.env['SWEEP_FAULT'];
    expect(await runSweep({ ...big, out })).toMatchObject({ resumed: saved, computed: 2400 - saved });
    expect(folderDifference((await sweep(big)).out, out)).toBeNull();
  }

  it('lets the unit finish within the grace: its cells are saved, later units are skipped, and a rerun completes', async () => {
    // The worker pauses 400 ms after its second cell; the stop comes once a cell is done. The worker used to give
    // up its unit at the next cell, so a stop before the first commit saved nothing (a flaky CLI signal test).
    // One thread, so the held unit is unit 0 (units commit in order; the next test has two workers).
    await stopOnceACellIsDone({ mode: 'hold', cells: 1, ms: 400 }, 1, 'stop-mid-unit');
  });

  it('still runs an earlier unit a later one waits for: a stop while unit 0 is slow to begin keeps what ran', async () => {
    // Unit 0's worker waits 800 ms before it begins; the other worker's units run meanwhile and the stop comes.
    // Units commit in order, so skipping unit 0 (as every not-yet-begun unit was) threw all of their cells away.
    await stopOnceACellIsDone({ mode: 'slow', units: [0], ms: 800 }, 2, 'stop-slow-unit-0');
  });
});
