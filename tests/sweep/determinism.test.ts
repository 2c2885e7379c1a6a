import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_HEADER, mergeSweeps, parseDepths, runSweep, type SweepOptions } from '@resnet/sweep';
import { canonicalOrder, cleanTemp, fixtures, folderDifference, readCells, tempDir } from './helpers.js';

// 2 archs x 8 depths x 12 seeds = 192 cells: small, yet cut into many blocks (each a few cells).
const grid = { depths: parseDepths('5..40:5'), seeds: { start: 3, count: 12 }, formats: ['parquet', 'jsonl'] as const };
const sweep = (extra: Partial<SweepOptions>) =>
  runSweep({ ...grid, formats: [...grid.formats], out: tempDir('det'), ...extra });
const slow = join(fixtures, 'sweep-faulty-worker.mjs');

let reference: string;

beforeAll(async () => {
  reference = (await sweep({ threads: 1 })).out;
});
afterAll(() => {
  delete process.env['SWEEP_FAULT'];
  delete process.env['RESNET_CELL_KERNEL'];
  cleanTemp();
});

describe('a sweep folder', () => {
  it('holds every cell once, in canonical seed-major order (seed, then arch, then depth)', () => {
    const cells = readCells(reference);
    expect(cells).toHaveLength(192);
    expect(cells.map((c) => `${c['arch']} ${c['depth']} ${c['seed']}`)).toEqual(
      canonicalOrder(['plain', 'residual'], grid.depths, grid.seeds),
    );
    expect(Object.keys(cells[0]!)).toEqual([
      'arch',
      'depth',
      'seed',
      'width',
      'inputSize',
      'xNorm',
      'ratio',
      'ratioEps',
      'inputGradNorm',
      'gradNorms',
      'layerGradNorms',
      'actNorms',
      'signalNorms',
      'nonFinite',
    ]);
    const residual40 = cells.find((c) => c['arch'] === 'residual' && c['depth'] === 40)!;
    expect((residual40['gradNorms'] as number[]).length).toBe(42);
    expect((residual40['layerGradNorms'] as number[]).length).toBe(82);
    expect(residual40['nonFinite']).toBe('');
  });

  it('writes every float so that a parser reads it as a float (never a bare integer)', () => {
    const text = readFileSync(join(reference, 'cells.jsonl'), 'utf8');
    // After the four integer fields, every number has a '.' or an exponent.
    const floats = text
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => line.slice(line.indexOf('"xNorm"')).match(/-?\d[\d.eE+-]*/g) ?? []);
    expect(floats.length).toBeGreaterThan(192 * 50);
    expect(floats.filter((f) => !/[.eE]/.test(f))).toEqual([]);
  });

  it('has one summary row per (arch, depth) and a manifest describing the grid, blocks and files', () => {
    const csv = readFileSync(join(reference, 'summary.csv'), 'utf8').split('\n');
    expect(`${csv[0]}\n`).toBe(SUMMARY_HEADER);
    expect(csv.filter((l) => l !== '')).toHaveLength(17);
    expect(csv[1]).toMatch(/^plain,5,12,0,\d/);
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'resnet-sweep/2',
      grid: {
        archs: ['plain', 'residual'],
        depths: grid.depths,
        seeds: { start: 3, count: 12 },
        width: 16,
        inputSize: 16,
      },
      cellCount: 192,
      shard: null,
      formats: ['parquet', 'jsonl'],
      nonFinite: 0,
      run: { threads: 1 },
    });
    expect(manifest.blocks.count).toBeGreaterThanOrEqual(64);
    expect(manifest.blocks).toEqual({ count: manifest.blocks.count, first: 0, last: manifest.blocks.count });
    expect(Object.keys(manifest.files)).toEqual(['cells.parquet', 'cells.jsonl', 'cellstats.f64', 'summary.csv']);
    expect(manifest.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.versions)).toEqual(['@resnet/core', '@resnet/sweep', 'node']);
  });
});

describe('determinism', () => {
  it('gives bit-identical files on 1, 2 and 3 threads', async () => {
    for (const threads of [2, 3]) {
      const r = await sweep({ threads });
      expect(r.computed).toBe(192);
      expect(folderDifference(reference, r.out), `${threads} threads`).toBeNull();
    }
  });

  it('gives bit-identical files with the JS cell kernel (RESNET_CELL_KERNEL=js) as with WebAssembly', async () => {
    process.env['RESNET_CELL_KERNEL'] = 'js';
    const js = await sweep({ threads: 2 });
    delete process.env['RESNET_CELL_KERNEL'];
    expect(js.computed).toBe(192);
    expect(folderDifference(reference, js.out)).toBeNull();
  });

  it('fails a cell, naming the variable, when RESNET_CELL_KERNEL is not a kernel', async () => {
    process.env['RESNET_CELL_KERNEL'] = 'gpu';
    const failed = sweep({ threads: 1 });
    await expect(failed).rejects.toThrow(/RESNET_CELL_KERNEL must be 'auto', 'js' or 'wasm'; got "gpu"/);
    delete process.env['RESNET_CELL_KERNEL'];
  });

  it('gives bit-identical files when blocks finish out of order (slow blocks) and with a reorder buffer of one block', async () => {
    process.env['SWEEP_FAULT'] = JSON.stringify({ mode: 'slow', units: [0, 3, 4, 10], ms: 60 });
    const shuffled = await sweep({ threads: 3, workerFilename: slow });
    delete process.env['SWEEP_FAULT'];
    expect(folderDifference(reference, shuffled.out)).toBeNull();
    const serial = await sweep({ threads: 2, bufferBytes: 1 });
    expect(folderDifference(reference, serial.out)).toBeNull();
  });

  it('gives bit-identical files when 2, 3 or 7 shards (contiguous block ranges) are merged', async () => {
    for (const count of [2, 3, 7]) {
      const shards: string[] = [];
      let cells = 0;
      let lastK = -1;
      for (let index = 1; index <= count; index++) {
        const r = await sweep({ threads: index % 2 === 0 ? 1 : 2, shard: { index, count } });
        const ks = readCells(r.out).map(
          (c) =>
            ((c['seed'] as number) - 3) * 16 +
            ['plain', 'residual'].indexOf(c['arch'] as string) * 8 +
            grid.depths.indexOf(c['depth'] as number),
        );
        // A contiguous range of canonical indices, right after the previous shard's.
        for (const [i, k] of ks.entries()) expect(k).toBe(lastK + 1 + i);
        lastK += ks.length;
        cells += r.cellCount;
        shards.push(r.out);
      }
      expect(cells).toBe(192);
      const merged = await mergeSweeps(shards.reverse(), tempDir('merged'));
      expect(merged.cellCount).toBe(192);
      expect(folderDifference(reference, merged.out), `${count} shards`).toBeNull();
    }
  });

  it('returns at once, computing nothing, when rerun on a complete folder', async () => {
    const again = await runSweep({ ...grid, formats: [...grid.formats], out: reference, threads: 2 });
    expect(again).toMatchObject({ computed: 0, resumed: 192, cellCount: 192, repaired: [] });
  });
});
