import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_HEADER, mergeSweeps, parseDepths, runSweep, type SweepOptions } from '@resnet/sweep';
import { cleanTemp, folderDifference, readCells, tempDir } from './helpers.js';

// 2 archs x 8 depths x 12 seeds = 192 cells: small, yet every chunking below splits it differently.
const grid = { depths: parseDepths('5..40:5'), seeds: { start: 3, count: 12 } };
const sweep = (extra: Partial<SweepOptions>) => runSweep({ ...grid, out: tempDir('det'), ...extra });

let reference: string;

beforeAll(async () => {
  reference = (await sweep({ threads: 1 })).out;
});
afterAll(cleanTemp);

describe('a sweep folder', () => {
  it('holds every cell once, in canonical order (arch, then depth, then seed)', () => {
    const cells = readCells(reference);
    expect(cells).toHaveLength(192);
    const order = cells.map((c) => `${c['arch']} ${c['depth']} ${c['seed']}`);
    const expected = ['plain', 'residual'].flatMap((a) => grid.depths.flatMap((d) => Array.from({ length: 12 }, (_, s) => `${a} ${d} ${s + 3}`)));
    expect(order).toEqual(expected);
    expect(Object.keys(cells[0]!)).toEqual(['arch', 'depth', 'seed', 'width', 'inputSize', 'xNorm', 'ratio', 'ratioEps', 'inputGradNorm', 'gradNorms', 'layerGradNorms', 'actNorms', 'signalNorms']);
    const residual40 = cells.find((c) => c['arch'] === 'residual' && c['depth'] === 40)!;
    expect((residual40['gradNorms'] as number[]).length).toBe(42);
    expect((residual40['layerGradNorms'] as number[]).length).toBe(82);
  });

  it('has one summary row per (arch, depth) and a manifest describing the grid', () => {
    const csv = readFileSync(join(reference, 'summary.csv'), 'utf8').split('\n');
    expect(`${csv[0]}\n`).toBe(SUMMARY_HEADER);
    expect(csv.filter((l) => l !== '')).toHaveLength(17);
    expect(csv[1]).toMatch(/^plain,5,12,0,\d/);
    const manifest = JSON.parse(readFileSync(join(reference, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      format: 'resnet-sweep/1',
      grid: { archs: ['plain', 'residual'], depths: grid.depths, seeds: { start: 3, count: 12 }, width: 16, inputSize: 16 },
      cellCount: 192,
      shard: null,
      nonFinite: 0,
      run: { threads: 1 },
    });
    expect(manifest.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(manifest.versions)).toEqual(['@resnet/core', '@resnet/sweep', 'node']);
  });
});

describe('determinism', () => {
  it('gives bit-identical files on 1 and 2 threads', async () => {
    const two = await sweep({ threads: 2 });
    expect(two.computed).toBe(192);
    expect(folderDifference(reference, two.out)).toBeNull();
  });

  it('gives bit-identical files for chunk sizes 1, 7, 50 and 1000', async () => {
    for (const chunkSize of [1, 7, 50, 1000]) {
      const r = await sweep({ threads: 2, chunkSize });
      expect(folderDifference(reference, r.out), `chunkSize ${chunkSize}`).toBeNull();
    }
  });

  it('gives bit-identical files when 2 or 3 shards are merged, shards holding k mod n == i-1', async () => {
    for (const count of [2, 3]) {
      const shards: string[] = [];
      for (let index = count; index >= 1; index--) {
        const r = await sweep({ threads: index % 2 === 0 ? 1 : 2, chunkSize: 5 + index, shard: { index, count } });
        expect(r.cellCount).toBe(Math.ceil((192 - (index - 1)) / count));
        const ks = readCells(r.out).map((c) => ['plain', 'residual'].indexOf(c['arch'] as string) * 96 + grid.depths.indexOf(c['depth'] as number) * 12 + (c['seed'] as number) - 3);
        expect(ks.every((k) => k % count === index - 1)).toBe(true);
        shards.push(r.out);
      }
      const merged = await mergeSweeps(shards, tempDir('merged'));
      expect(merged.cellCount).toBe(192);
      expect(folderDifference(reference, merged.out), `${count} shards`).toBeNull();
    }
  });

  it('returns at once, computing nothing, when rerun on a complete folder', async () => {
    const again = await runSweep({ ...grid, out: reference, threads: 2 });
    expect(again).toMatchObject({ computed: 0, resumed: 192, cellCount: 192 });
  });
});
