import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCell } from '@resnet/core';
import {
  AXIS_NAMES,
  ConfigMismatchError,
  GridError,
  SweepAbortedError,
  mergeSweeps,
  parseAxes,
  parseAxisList,
  parseDepths,
  estimateGridMemory,
  readCells,
  resolveSweepOptions,
  runSweep,
  variantLabel,
  type CellRow,
  type SweepAxes,
} from '@resnet/sweep';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

const sha1 = (dir: string, name: string) =>
  createHash('sha1')
    .update(readFileSync(join(dir, name)))
    .digest('hex');
const rows = async (dir: string, format?: 'parquet' | 'jsonl') => {
  const out: CellRow[] = [];
  await readCells(dir, (c) => out.push(c), { format });
  return out;
};
const csv = (dir: string) =>
  readFileSync(join(dir, 'summary.csv'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));

afterAll(cleanTemp);

describe('the batch axis', () => {
  const base = {
    depths: [3, 6],
    seeds: { start: 4, count: 3 },
    threads: 1,
    formats: ['parquet' as const, 'jsonl' as const],
  };
  const axes: SweepAxes = { batch: [1, 3] };
  let whole: string;
  beforeAll(async () => {
    whole = (await runSweep({ ...base, axes, out: tempDir('batch-whole') })).out;
  });

  it('comes after dout in AXIS_NAMES, and --batch 1 alone is the default folder, byte for byte (the axes test sha1s)', async () => {
    expect(AXIS_NAMES.indexOf('batch')).toBe(AXIS_NAMES.indexOf('dout') + 1);
    const { out, manifest } = await runSweep({
      depths: parseDepths('2..6,9'),
      seeds: { start: 7, count: 3 },
      formats: ['parquet', 'jsonl'],
      out: tempDir('batch-default'),
      threads: 1,
      axes: { batch: [1], dout: ['ones'] },
    });
    expect(manifest.grid.axes).toBeUndefined();
    expect(sha1(out, 'cells.parquet')).toBe('3a85453675b4af38e8e44ba15cd91071db640a02');
    expect(sha1(out, 'cells.jsonl')).toBe('484cce44823181de831e13c064c139c61aaf91b0');
    expect(sha1(out, 'summary.csv')).toBe('d18ff3f0c9b278209d8a9acc6aef5c30a00a4a25');
    expect(manifest.configHash).toBe('1fb1d11103c2af438037acfc856e8bab1e14305c1e337ec186e4dd129a972e88');
  });

  it('applies to both archs: each cell is core run with its batch, and batch 1 cells are the default ones', async () => {
    for (const format of ['parquet', 'jsonl'] as const) {
      const cells = await rows(whole, format);
      expect(cells).toHaveLength(2 * 2 * 2 * 3); // archs x batches x depths x seeds
      expect(cells.slice(0, 4).map((c) => `${c.arch} ${c.batch} ${c.depth}`)).toEqual([
        'plain 1 3',
        'plain 1 6',
        'plain 3 3',
        'plain 3 6',
      ]);
      for (const c of cells) {
        const want = runCell({ arch: c.arch, depth: c.depth, seed: c.seed, batch: c.batch });
        expect(c.gradNorms).toEqual(want.gradNorms);
        expect(c.layerGradNorms).toEqual(want.layerGradNorms);
        expect(c.actNorms).toEqual(want.actNorms);
        expect(c.xNorm).toBe(want.xNorm);
        if (c.batch === 1) expect(c.ratio).toBe(runCell({ arch: c.arch, depth: c.depth, seed: c.seed }).ratio);
      }
      const r = cells.filter((c) => c.arch === 'residual' && c.depth === 6 && c.seed === 4);
      expect(new Set(r.map((c) => c.ratio)).size).toBe(2);
    }
  });

  it('records batch in the manifest, as a number column in cells and summary.csv, and in the variant label', () => {
    const manifest = JSON.parse(readFileSync(join(whole, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ batch: [1, 3] });
    const first = JSON.parse(readFileSync(join(whole, 'cells.jsonl'), 'utf8').split('\n')[0]!);
    expect([first.arch, first.batch]).toEqual(['plain', 1]);
    const table = csv(whole);
    expect(table[0]!.slice(0, 3)).toEqual(['arch', 'batch', 'depth']);
    expect(table.slice(1).map((r) => r.slice(0, 4).join(' '))).toEqual([
      'plain 1 3 3',
      'plain 1 6 3',
      'plain 3 3 3',
      'plain 3 6 3',
      'residual 1 3 3',
      'residual 1 6 3',
      'residual 3 3 3',
      'residual 3 6 3',
    ]);
    expect(variantLabel({ batch: 8 })).toBe('batch=8');
    expect(variantLabel({ block: 'preact', dout: 'normal', batch: 8 })).toBe('preact, dout=normal, batch=8');
  });

  it('merges two shards into the single run, byte for byte', async () => {
    const shards = [];
    for (const index of [1, 2])
      shards.push((await runSweep({ ...base, axes, shard: { index, count: 2 }, out: tempDir('batch-shard') })).out);
    const merged = await mergeSweeps(shards, tempDir('batch-merged'));
    expect(folderDifference(whole, merged.out)).toBeNull();
  });

  it('resumes an aborted sweep to the same bytes', async () => {
    const out = tempDir('batch-resume');
    const controller = new AbortController();
    const run = runSweep(
      { ...base, axes, out },
      { signal: controller.signal, progressIntervalMs: 1, onProgress: (p) => p.done > 0 && controller.abort() },
    );
    const error = (await run.catch((e: unknown) => e)) as SweepAbortedError;
    expect(error).toBeInstanceOf(SweepAbortedError);
    const resumed = await runSweep({ ...base, axes, out });
    expect(resumed).toMatchObject({ resumed: error.saved, computed: 24 - error.saved });
    expect(folderDifference(whole, out)).toBeNull();
  });

  it('refuses to resume a folder made with other batches, naming --batch', async () => {
    const run = runSweep({ ...base, axes: { batch: [1, 8] }, out: whole });
    await expect(run).rejects.toThrowError(ConfigMismatchError);
    await expect(run).rejects.toThrowError(/--batch: folder has 1,3, requested 1,8/);
  });

  it('parses --batch as integers and refuses anything else, naming the flag', () => {
    expect(parseAxisList('batch', '1,8, 32')).toEqual([1, 8, 32]);
    expect(parseAxes({ batch: '1,8' })).toEqual({ batch: [1, 8] });
    for (const [text, got] of [
      ['0', '0'],
      ['1,x', '"x"'],
      ['2.5', '"2.5"'],
      ['-1', '"-1"'],
    ]) {
      expect(() => parseAxes({ batch: text })).toThrowError(GridError);
      expect(() => parseAxes({ batch: text })).toThrowError(
        new RegExp(
          `^--batch: got ${got.replace('.', '\\.')}; expected a non-empty comma-separated list of positive integers`,
        ),
      );
    }
  });

  it("counts a batch's workspace in the memory estimate (dW and activations per sample)", () => {
    const grid = { depths: [40], seeds: { start: 0, count: 1 }, threads: 1, out: tempDir('batch-never') };
    const memory = (batch: number[]) => estimateGridMemory(resolveSweepOptions({ ...grid, axes: { batch } })).perWorker;
    const one = memory([1]);
    // Residual depth 40 at width 16: 82 weight layers; batch 1024 holds ~6 doubles per unit and sample.
    expect(memory([1, 1024]) - one).toBeGreaterThan(6 * 8 * 1024 * 16 * 82);
    expect(memory([1, 1024])).toBeGreaterThan(memory([1, 8]));
  });
});
