import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCell, type CellSpec } from '@resnet/core';
import {
  ConfigMismatchError,
  SweepAbortedError,
  GridError,
  mergeSweeps,
  parseAxes,
  parseAxisList,
  parseDepths,
  readCells,
  runSweep,
  splitTopLevel,
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

describe('a default sweep (no axis given) is unchanged', () => {
  it('writes the very bytes main wrote before the axes existed (sha1s and configHash computed on main at f348c71)', async () => {
    const { out, manifest } = await runSweep({
      depths: parseDepths('2..6,9'),
      seeds: { start: 7, count: 3 },
      formats: ['parquet', 'jsonl'],
      out: tempDir('axes-default'),
      threads: 1,
      axes: { block: ['notebook'], branchScale: [1], dout: ['ones'], depthUnit: 'native', width: [16] }, // every default, spelt out
    });
    expect(sha1(out, 'cells.parquet')).toBe('3a85453675b4af38e8e44ba15cd91071db640a02');
    expect(sha1(out, 'cells.jsonl')).toBe('484cce44823181de831e13c064c139c61aaf91b0');
    expect(sha1(out, 'cellstats.f64')).toBe('5271177cf54c505588d659fb5add9f465a708b4f');
    expect(sha1(out, 'summary.csv')).toBe('d18ff3f0c9b278209d8a9acc6aef5c30a00a4a25');
    expect(manifest.configHash).toBe('1fb1d11103c2af438037acfc856e8bab1e14305c1e337ec186e4dd129a972e88');
    expect(manifest.grid).toEqual({
      archs: ['plain', 'residual'],
      depths: [2, 3, 4, 5, 6, 9],
      seeds: { start: 7, count: 3 },
      width: 16,
      inputSize: 16,
    });
    expect(manifest.blocks).toEqual({ count: 27, first: 0, last: 27 });
    expect(manifest.files['cells.parquet']).toEqual({ bytes: 34368, crc32: '355a2165' });
  });
});

describe('a sweep over two axes', () => {
  const base = {
    depths: [4, 16],
    seeds: { start: 5, count: 3 },
    threads: 1,
    formats: ['parquet' as const, 'jsonl' as const],
  };
  const axes: SweepAxes = { block: ['notebook', 'preact'], branchScale: [1, '1/sqrt(depth)'] };
  let whole: string;
  beforeAll(async () => {
    whole = (await runSweep({ ...base, axes, out: tempDir('axes-whole') })).out;
  });

  it('runs the product arch x block x branchScale x depth (depth fastest; plain nets without the residual-only axes), each cell as core computes that config', async () => {
    for (const format of ['parquet', 'jsonl'] as const) {
      const cells = await rows(whole, format);
      // Plain: one variant (block and branchScale do not apply) x 2 depths; residual: 2 x 2 x 2 depths; 3 seeds.
      expect(cells).toHaveLength((2 + 2 * 2 * 2) * 3);
      const order = cells.slice(0, 10).map((c) => `${c.arch} ${c.block} ${c.branchScaleExpr} ${c.depth}`);
      expect(order.slice(0, 5)).toEqual([
        'plain undefined undefined 4',
        'plain undefined undefined 16',
        'residual notebook 1 4',
        'residual notebook 1 16',
        'residual notebook 1/sqrt(depth) 4',
      ]);
      // A plain cell carries no value for the residual-only axes.
      const plain = cells.find((c) => c.arch === 'plain')!;
      expect(['block', 'branchScale', 'branchScaleExpr'].filter((k) => k in plain)).toEqual([]);
      for (const c of cells) {
        if (c.arch === 'plain') {
          expect(c.ratio).toBe(runCell({ arch: 'plain', depth: c.depth, seed: c.seed }).ratio);
          continue;
        }
        const eta = c.branchScaleExpr === '1' ? 1 : 1 / Math.sqrt(c.depth);
        expect(c.branchScale).toBe(eta);
        const want = runCell({ arch: c.arch, depth: c.depth, seed: c.seed, block: c.block, branchScale: eta });
        expect(c.ratio).toBe(want.ratio);
        expect(c.gradNorms).toEqual(want.gradNorms);
        expect(c.signalNorms).toEqual(want.signalNorms);
      }
      // The expression is evaluated per cell: 1/sqrt(16) is 0.25 exactly.
      expect(cells.find((c) => c.depth === 16 && c.branchScaleExpr === '1/sqrt(depth)')!.branchScale).toBe(0.25);
      expect(cells.find((c) => c.depth === 4 && c.branchScaleExpr === '1/sqrt(depth)')!.branchScale).toBe(0.5);
      // Variants really differ for residual nets.
      const r = cells.filter((c) => c.arch === 'residual' && c.depth === 16 && c.seed === 5);
      expect(new Set(r.map((c) => c.ratio)).size).toBe(4);
    }
  });

  it('records the axes in the manifest (expressions as text) and in summary.csv, one row per (arch, axes, depth)', () => {
    const manifest = JSON.parse(readFileSync(join(whole, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ block: ['notebook', 'preact'], branchScale: [1, '1/sqrt(depth)'] });
    expect(manifest.format).toBe('resnet-sweep/2');
    const table = csv(whole);
    expect(table[0]!.slice(0, 7)).toEqual([
      'arch',
      'block',
      'branchScale',
      'branchScaleExpr',
      'depth',
      'count',
      'nonfinite',
    ]);
    expect(table).toHaveLength(1 + 2 + 8);
    // A plain cell holds null in cells.jsonl for the residual-only axes.
    const first = JSON.parse(readFileSync(join(whole, 'cells.jsonl'), 'utf8').split('\n')[0]!);
    expect([first.arch, first.block, first.branchScale, first.branchScaleExpr]).toEqual(['plain', null, null, null]);
    // Plain rows leave the residual-only axis columns empty.
    expect(table[2]!.slice(0, 6)).toEqual(['plain', '', '', '', '16', '3']);
    expect(table[10]!.slice(0, 6)).toEqual(['residual', 'preact', '0.25', '1/sqrt(depth)', '16', '3']);
  });

  it('merges two shards into the single run, byte for byte', async () => {
    const shards = [];
    for (const index of [1, 2])
      shards.push((await runSweep({ ...base, axes, shard: { index, count: 2 }, out: tempDir('axes-shard') })).out);
    const merged = await mergeSweeps(shards, tempDir('axes-merged'));
    expect(folderDifference(whole, merged.out)).toBeNull();
    // A missing shard is named with an example cell and its variant.
    await expect(mergeSweeps([shards[0]!], tempDir('axes-merged'))).rejects.toThrowError(
      /missing, e\.g\. arch=(plain|residual)( \((notebook|preact), eta=[^ ]+\))? depth=\d+ seed=\d+/,
    );
  });

  it('resumes an aborted sweep over residual-only axes (plain groups fewer than residual ones) to the same bytes', async () => {
    const out = tempDir('axes-resume');
    const controller = new AbortController();
    const run = runSweep(
      { ...base, axes, out },
      { signal: controller.signal, progressIntervalMs: 1, onProgress: (p) => p.done > 0 && controller.abort() },
    );
    const error = (await run.catch((e: unknown) => e)) as SweepAbortedError;
    expect(error).toBeInstanceOf(SweepAbortedError);
    expect(error.saved).toBeLessThan(30);
    const resumed = await runSweep({ ...base, axes, out });
    expect(resumed).toMatchObject({ resumed: error.saved, computed: 30 - error.saved });
    expect(folderDifference(whole, out)).toBeNull();
  });

  it('refuses to resume a folder made with other axes, listing the difference', async () => {
    const run = runSweep({
      ...base,
      axes: { block: ['notebook', 'original'], branchScale: [1, '1/sqrt(depth)'] },
      out: whole,
    });
    await expect(run).rejects.toThrowError(ConfigMismatchError);
    await expect(run).rejects.toThrowError(/--blocks: folder has notebook,preact, requested notebook,original/);
    const none = runSweep({ ...base, out: whole });
    await expect(none).rejects.toThrowError(/--blocks: folder has notebook,preact, requested the default/);
  });
});

describe('each axis', () => {
  const small = {
    depths: [3, 6],
    seeds: { start: 2, count: 2 },
    threads: 1,
    formats: ['parquet' as const, 'jsonl' as const],
  };

  it('sets the field core reads: init, sigmaW2, activations, scales and dout give core own cells', async () => {
    const cases: Array<[SweepAxes, (c: CellRow) => Partial<CellSpec>]> = [
      [{ init: ['xavier', 'orthogonal'] }, (c) => ({ init: c.init })],
      [{ sigmaW2: [1.5, '2*(1+1/width)'] }, (c) => ({ sigmaW2: c.sigmaW2 })],
      [
        { activation: ['tanh'], outputActivation: ['linear'], inputActivation: ['linear'] },
        (c) => ({ activation: c.activation, outputActivation: c.outputActivation, inputActivation: c.inputActivation }),
      ],
      [{ shortcutScale: [0.5, 'max(0.5, blocks/layers)'] }, (c) => ({ shortcutScale: c.shortcutScale })],
      [{ dout: ['ones', 'normal'] }, (c) => ({ dout: c.dout })],
    ];
    for (const [axes, fields] of cases) {
      const { out } = await runSweep({ ...small, archs: ['residual'], axes, out: tempDir('axes-one') });
      const cells = await rows(out);
      const variants = Object.values(axes).reduce((a, v) => a * (v as unknown[]).length, 1);
      expect(cells).toHaveLength(variants * 2 * 2);
      for (const c of cells) {
        const want = runCell({ arch: 'residual', depth: c.depth, seed: c.seed, ...fields(c) });
        expect(c.gradNorms, JSON.stringify(axes)).toEqual(want.gradNorms);
        expect(c.ratio).toBe(want.ratio);
      }
      if (axes.sigmaW2) expect(new Set(cells.map((c) => c.sigmaW2))).toEqual(new Set([1.5, 2 * (1 + 1 / 16)]));
      if (axes.shortcutScale)
        expect(cells.find((c) => c.shortcutScaleExpr !== '0.5' && c.depth === 6)!.shortcutScale).toBe(0.5); // max(0.5, 6/14)
    }
  });

  it('widths: each cell has its width, summary.csv a width column', async () => {
    const { out, manifest } = await runSweep({ ...small, axes: { width: [8, 24] }, out: tempDir('axes-width') });
    expect(manifest.grid.width).toBe(8);
    expect(manifest.grid.axes).toEqual({ width: [8, 24] });
    const cells = await rows(out);
    for (const c of cells) {
      const want = runCell({ arch: c.arch, depth: c.depth, seed: c.seed, width: c.width });
      expect(c.gradNorms).toEqual(want.gradNorms);
    }
    expect(new Set(cells.map((c) => c.width))).toEqual(new Set([8, 24]));
    expect(csv(out)[0]!.slice(0, 3)).toEqual(['arch', 'width', 'depth']);
  });

  it('depthUnit layers: a residual depth counts weight layers (2B+2) and the expression symbols follow', async () => {
    const { out } = await runSweep({
      ...small,
      depths: [6, 10],
      axes: { depthUnit: 'layers', branchScale: ['1/blocks'] },
      out: tempDir('axes-unit'),
    });
    const cells = await rows(out);
    const residual10 = cells.find((c) => c.arch === 'residual' && c.gradNorms.length > 0 && c.depth === 4)!;
    expect(residual10.depthUnit).toBe('layers');
    expect(residual10.branchScale).toBe(0.25);
    expect(residual10.ratio).toBe(
      runCell({ arch: 'residual', depth: 4, seed: residual10.seed, branchScale: 0.25 }).ratio,
    );
    expect(cells.filter((c) => c.arch === 'plain').map((c) => c.depth)).toEqual([6, 10, 6, 10]);
    const table = csv(out);
    expect(table[0]!.slice(0, 5)).toEqual(['arch', 'branchScale', 'branchScaleExpr', 'depthUnit', 'depth']);
    expect(table.slice(1).map((r) => `${r[0]} ${r[4]}`)).toEqual(['plain 6', 'plain 10', 'residual 6', 'residual 10']);
  });

  it('depthUnit layers refuses an odd residual depth, naming --depths and --depth-unit, before any work', async () => {
    const out = join(tempDir('axes-bad'), 'never');
    const run = runSweep({ ...small, depths: [5, 6], axes: { depthUnit: 'layers' }, out });
    await expect(run).rejects.toThrowError(GridError);
    await expect(run).rejects.toThrowError(/--depths: got 5; .*--depth-unit layers/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('expressions', () => {
  it('split on top-level commas only', () => {
    expect(splitTopLevel('1,1/sqrt(depth),max(1, depth/10)')).toEqual(['1', '1/sqrt(depth)', 'max(1, depth/10)']);
    expect(parseAxisList('branchScale', '1, 0.5,1e-1,1/sqrt(depth)')).toEqual([1, 0.5, 0.1, '1/sqrt(depth)']);
    expect(parseAxisList('block', 'notebook,preact')).toEqual(['notebook', 'preact']);
  });

  it.each([
    [
      '--branch-scale',
      { branchScale: '1/sqrt(depht)' },
      /--branch-scale: got "1\/sqrt\(depht\)".*The symbol "depht" is not allowed/,
    ],
    ['--sigma-w2', { sigmaW2: 'cos(depth)' }, /--sigma-w2: got "cos\(depth\)".*The function "cos" is not allowed/],
    ['--shortcut-scale', { shortcutScale: 'a = 1' }, /--shortcut-scale: got "a = 1".*An assignment is not allowed/],
    ['--branch-scale', { branchScale: '1/(depth' }, /--branch-scale: got "1\/\(depth".*does not parse/],
    ['--branch-scale', { branchScale: 'depth > 3' }, /--branch-scale: .*The operator ">" is not allowed/],
    ['--branch-scale', { branchScale: 'pi' }, /The symbol "pi" is not allowed/],
    [
      '--blocks',
      { block: 'notebook,bottleneck' },
      /--blocks: got "bottleneck"; expected a non-empty comma-separated list of notebook, original, preact/,
    ],
    ['--widths', { width: '16,x' }, /--widths: got "x"/],
    ['--dout', { dout: 'zeros' }, /--dout: got "zeros"; expected .*ones, normal/],
    ['--depth-unit', { depthUnit: 'meters' }, /--depth-unit: got "meters"; expected one of native, layers, blocks/],
    ['--branch-scale', { branchScale: 'pow(depth)' }, /--branch-scale: .*pow\(\) takes 2 arguments; it was given 1/],
    ['--sigma-w2', { sigmaW2: 'sqrt()' }, /--sigma-w2: .*sqrt\(\) takes 1 argument; it was given 0/],
    ['--sigma-w2', { sigmaW2: 'log(depth, 2, 3)' }, /--sigma-w2: .*log\(\) takes 1 or 2 arguments; it was given 3/],
    ['--branch-scale', { branchScale: 'max()' }, /--branch-scale: .*max\(\) takes 1 or more arguments; it was given 0/],
  ])('%s: a bad value is a usage error naming the flag and what is wrong', (_flag, texts, message) => {
    expect(() => parseAxes(texts)).toThrowError(GridError);
    expect(() => parseAxes(texts)).toThrowError(message);
  });

  it('a long chain or deep nesting is refused naming the flag, never overflowing the stack; the text is shortened', () => {
    const chain = Array.from({ length: 300 }, () => '2').join('*');
    const nested = `${'('.repeat(300)}depth${')'.repeat(300)}`;
    const tooLong = `1+${'1+'.repeat(600)}1`;
    for (const [text, why] of [
      [chain, /nests deeper than 64 levels/],
      [nested, /nests deeper than 64 levels/],
      [tooLong, /longer than 1000 characters/],
    ] as const) {
      let caught: unknown;
      try {
        parseAxes({ branchScale: text });
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(GridError);
      const message = (caught as GridError).message;
      expect(message).toMatch(/^--branch-scale: got "/);
      expect(message).toMatch(why);
      expect(message).toMatch(new RegExp(`…" \\(${text.length} characters\\)`));
      expect(message.length).toBeLessThan(600);
    }
    // Within the limits, a chain still compiles and evaluates.
    expect(() => parseAxes({ branchScale: Array.from({ length: 30 }, () => 'depth').join('*') })).not.toThrow();
  });

  it('a value that is negative or not finite at some cell is refused before any work, naming the cell', async () => {
    const out = join(tempDir('axes-neg'), 'never');
    const grid = { depths: [2, 4], seeds: { start: 0, count: 1 }, out };
    await expect(runSweep({ ...grid, axes: { sigmaW2: ['3 - depth'] } })).rejects.toThrowError(
      /--sigma-w2: got "3 - depth".*>= 0.*At plain depth 4 .* it is -1/,
    );
    await expect(runSweep({ ...grid, axes: { branchScale: ['1/(depth-4)'] } })).rejects.toThrowError(
      /--branch-scale: .*finite.*depth 4 .* it is Infinity/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
