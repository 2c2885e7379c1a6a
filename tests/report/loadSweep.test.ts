import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellLayout, summaryStats, type CellResult } from '@resnet/core';
import { loadSweep, ReportError, ReportOptionsError, SWEEP_FORMAT } from '@resnet/report';
import { PARQUET_MAGIC, encodeRowGroup, parquetFooter } from '@resnet/sweep';
import { relistFiles, writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

let good: string;
let fixtureCells: CellResult[];
const scratch: string[] = [];

beforeAll(async () => {
  ({ dir: good, cells: fixtureCells } = await writeReportSweepFolder({ depths: [3, 5], seeds: 4 }));
});
afterAll(async () => {
  await Promise.all([good, ...scratch].map((d) => rm(d, { recursive: true, force: true })));
});

/**
 * A copy of the good folder with one file rewritten by edit. A data file's new size and crc32 are listed in the
 * manifest, as if the sweep had written it (a file its manifest does not vouch for is refused before any of the
 * checks below: tests/report/trust.test.ts), so these tests reach the reader's checks of the content itself.
 */
async function broken(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'report-broken-'));
  scratch.push(dir);
  await cp(good, dir, { recursive: true });
  await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
  if (file !== 'manifest.json') await relistFiles(dir);
  return dir;
}

/** cells.parquet of these cells (two row groups), through @resnet/sweep's encoder. */
function parquetOf(cells: readonly CellResult[]): Buffer {
  const groups = [cells.slice(0, 5), cells.slice(5)].map((block) => {
    const layouts = block.map((c) => cellLayout(c));
    const records = new Float64Array(layouts.reduce((s, l) => s + l.length, 0));
    let at = 0;
    block.forEach((c, i) => {
      const l = layouts[i]!;
      records.set(
        [
          c.xNorm,
          c.ratio,
          c.ratioEps,
          c.inputGradNorm,
          ...c.gradNorms,
          ...c.layerGradNorms,
          ...c.actNorms,
          ...c.signalNorms,
        ],
        at,
      );
      at += l.length;
    });
    return encodeRowGroup({
      records,
      arch: block.map((c) => c.arch),
      depth: block.map((c) => c.depth),
      seed: block.map((c) => c.seed),
      width: 16,
      inputSize: 16,
    });
  });
  const placed = [
    { offset: 4, meta: groups[0]!.meta },
    { offset: 4 + groups[0]!.bytes.length, meta: groups[1]!.meta },
  ];
  return Buffer.concat([PARQUET_MAGIC, ...groups.map((g) => g.bytes), parquetFooter(placed)]);
}

describe('loadSweep', () => {
  it('reads all three files: cells in file order, the grid, the summary rows', async () => {
    const data = await loadSweep(good);
    expect(data.format).toBe('jsonl');
    expect(data.files.cells).toBe(join(good, 'cells.jsonl'));
    expect(data.cells).toHaveLength(16);
    expect(data.cells[0]).toMatchObject({ arch: 'plain', depth: 3, seed: 0 });
    expect(data.cells.at(-1)).toMatchObject({ arch: 'residual', depth: 5, seed: 3 });
    expect(data.manifest.grid).toEqual({
      archs: ['plain', 'residual'],
      depths: [3, 5],
      seeds: { start: 0, count: 4 },
      width: 16,
      inputSize: 16,
    });
    expect(data.summary.rows.map((r) => `${r.arch}${r.depth}`)).toEqual(['plain3', 'plain5', 'residual3', 'residual5']);
    const ratios = data.cells.filter((c) => c.arch === 'plain' && c.depth === 5).map((c) => c.ratio);
    expect(data.summary.rows[1]!.values.ratio_median).toBe(summaryStats(ratios).median);
    // Every scalar of every cell as computed.
    expect(data.cells.map((c) => [c.arch, c.depth, c.seed, c.xNorm, c.ratio, c.ratioEps, c.inputGradNorm])).toEqual(
      fixtureCells.map((c) => [c.arch, c.depth, c.seed, c.xNorm, c.ratio, c.ratioEps, c.inputGradNorm]),
    );
  });

  it('keeps per-layer arrays only at the profile depth: the deepest by default, or options.depth', async () => {
    const deep = await loadSweep(good);
    expect(deep.profileDepth).toBe(5);
    deep.cells.forEach((c, i) => {
      const want =
        c.depth === 5 ? fixtureCells[i]! : { gradNorms: [], layerGradNorms: [], actNorms: [], signalNorms: [] };
      expect([c.gradNorms, c.layerGradNorms, c.actNorms, c.signalNorms]).toEqual([
        want.gradNorms,
        want.layerGradNorms,
        want.actNorms,
        want.signalNorms,
      ]);
    });
    expect(deep.cells.at(-1)!.layerGradNorms).toHaveLength(12);
    const shallow = await loadSweep(good, { depth: 3 });
    expect(shallow.profileDepth).toBe(3);
    expect(shallow.cells.map((c) => c.layerGradNorms.length)).toEqual(
      fixtureCells.map((c) => (c.depth === 3 ? c.layerGradNorms.length : 0)),
    );
    const err = await loadSweep(good, { depth: 4 }).catch((e) => e);
    expect(err).toBeInstanceOf(ReportOptionsError);
    expect(err.message).toMatch(/depth must be one of the swept depths \(3, 5\); got 4/);
  });

  it("keeps every cell's arrays with arrays: 'all'", async () => {
    const all = await loadSweep(good, { arrays: 'all' });
    expect(all.profileDepth).toBe(5);
    expect(all.cells.map((c) => [c.gradNorms, c.layerGradNorms, c.actNorms, c.signalNorms])).toEqual(
      fixtureCells.map((c) => [c.gradNorms, c.layerGradNorms, c.actNorms, c.signalNorms]),
    );
  });

  it('profiles the deepest depth every arch has in the cells when the grid deepest lacks an arch (second pass)', async () => {
    // A shard folder holds a canonical (seed-major) range of cells: shard 1 of 5 of this grid holds seed 0's plain 3,
    // plain 5 and residual 3, so residual lacks depth 5 and the profile depth is 3.
    const { dir, cells } = await writeReportSweepFolder({ depths: [3, 5], seeds: 4, shard: { index: 1, count: 5 } });
    scratch.push(dir);
    expect(cells.map((c) => `${c.arch}${c.depth}`)).toEqual(['plain3', 'plain5', 'residual3']);
    const data = await loadSweep(dir);
    expect(data.profileDepth).toBe(3);
    expect(data.cells.map((c) => c.actNorms)).toEqual(cells.map((c) => (c.depth === 3 ? c.actNorms : [])));
  });

  it("reads the cells file of the manifest's formats (a stray cells.parquet is ignored)", async () => {
    const dir = await broken('cells.jsonl', (t) => t);
    await writeFile(join(dir, 'cells.parquet'), parquetOf(fixtureCells.slice(0, 6)));
    const data = await loadSweep(dir);
    expect(data.format).toBe('jsonl');
    expect(data.cells).toHaveLength(16);
  });

  it('reads cells.parquet, preferred over cells.jsonl, to the same cells', async () => {
    const dir = await broken('manifest.json', (t) =>
      t.replace('"formats": [\n    "jsonl"\n  ]', '"formats": ["parquet", "jsonl"]'),
    );
    await writeFile(join(dir, 'cells.parquet'), parquetOf(fixtureCells));
    await relistFiles(dir);
    const both = await loadSweep(dir, { depth: 3 });
    expect(both.format).toBe('parquet');
    expect(both.files.cells).toBe(join(dir, 'cells.parquet'));
    await rm(join(dir, 'cells.jsonl'));
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.formats).toEqual(['parquet', 'jsonl']);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, formats: ['parquet'] }));
    await relistFiles(dir);
    const only = await loadSweep(dir, { depth: 3 });
    const jsonl = await loadSweep(good, { depth: 3 });
    const strip = (c: object) => ({ ...c, nonFinite: undefined });
    expect(only.cells.map(strip)).toEqual(jsonl.cells.map(strip));
    expect(both.cells).toEqual(only.cells);
  });

  it('restores non-finite values from the nonFinite text (JSON Lines v2 nulls)', async () => {
    const dir = await broken('cells.jsonl', (t) =>
      t
        .replace(/"xNorm":[^,]+/, '"xNorm":null')
        .replace(/"ratio":[^,]+/, '"ratio":null')
        .replace(/"nonFinite":"[^"]*"/, '"nonFinite":"xNorm=NaN ratio=Infinity"'),
    );
    const [first] = (await loadSweep(dir)).cells;
    expect(first!.ratio).toBe(Infinity);
    expect(first!.xNorm).toBeNaN();
  });

  it('names the folder when it does not exist', async () => {
    await expect(loadSweep(join(good, 'nope'))).rejects.toThrow(
      /nope is not a folder\. Pass the output folder of `resnet sweep`/,
    );
  });

  it('names a missing file and what a sweep folder holds', async () => {
    const dir = await broken('summary.csv', (t) => t);
    await rm(join(dir, 'summary.csv'));
    const err = await loadSweep(dir).catch((e) => e);
    expect(err).toBeInstanceOf(ReportError);
    expect(err.file).toBe(join(dir, 'summary.csv'));
    expect(err.message).toMatch(
      /summary\.csv does not exist\. A sweep folder holds cells\.parquet \(or cells\.jsonl\), summary\.csv, manifest\.json/,
    );
    await rm(join(dir, 'cells.jsonl'));
    await writeFile(join(dir, 'summary.csv'), await readFile(join(good, 'summary.csv')));
    await expect(loadSweep(dir)).rejects.toThrow(
      /cells\.jsonl does not exist, though manifest\.json lists the formats jsonl\./,
    );
  });

  it('refuses another format, and names an older one as such', async () => {
    const other = await broken('manifest.json', (t) => t.replace(SWEEP_FORMAT, 'resnet-sweep/9'));
    await expect(loadSweep(other)).rejects.toThrow(
      new RegExp(`manifest\\.json: format is "resnet-sweep/9", not "${SWEEP_FORMAT}"`),
    );
    const older = await broken('manifest.json', (t) => t.replace(SWEEP_FORMAT, 'resnet-sweep/1'));
    await expect(loadSweep(older)).rejects.toThrow(
      /manifest\.json: format is "resnet-sweep\/1": the folder was made by an older version; rerun the sweep into a new folder/,
    );
  });

  it("checks the v2 manifest's formats, files and blocks", async () => {
    const formats = await broken('manifest.json', (t) =>
      t.replace('"formats": [\n    "jsonl"\n  ]', '"formats": ["csv"]'),
    );
    await expect(loadSweep(formats)).rejects.toThrow(
      /manifest\.json: formats is an array of length 1; expected a non-empty array of "parquet", "jsonl"/,
    );
    const files = await broken('manifest.json', (t) => t.replace(/"files": \{/, '"files": { "x": 1,'));
    await expect(loadSweep(files)).rejects.toThrow(/manifest\.json: files must map each published file to/);
    const data = await loadSweep(good);
    expect(data.manifest.formats).toEqual(['jsonl']);
    expect(Object.keys(data.manifest.files)).toEqual(['cells.jsonl', 'cellstats.f64', 'summary.csv']);
  });

  it('names the line of a malformed cell', async () => {
    const dir = await broken('cells.jsonl', (t) =>
      t
        .split('\n')
        .map((l, i) => (i === 2 ? l.slice(0, 40) : l))
        .join('\n'),
    );
    const err = await loadSweep(dir).catch((e) => e);
    expect(err).toBeInstanceOf(ReportError);
    expect(err.message).toMatch(/cells\.jsonl line 3: is not valid JSON/);
    expect(err.line).toBe(3);
  });

  it('checks the arrays it keeps against the network the cell claims to be', async () => {
    const dir = await broken('cells.jsonl', (t) =>
      t.replace(/("depth":5,"seed":0,.*?"gradNorms":)\[[^\]]*\]/, '$1[1,2]'),
    );
    await expect(loadSweep(dir)).rejects.toThrow(
      /cells\.jsonl line 2: gradNorms is an array of 2 values; a plain net of depth 5 has 5/,
    );
  });

  it('rejects a cell outside the grid and a non-number metric', async () => {
    const depth = await broken('cells.jsonl', (t) => t.replace('"depth":3', '"depth":7'));
    await expect(loadSweep(depth)).rejects.toThrow(
      /cell 1 \(plain, depth 7, seed 0\): depth is 7; the manifest's grid has 3, 5/,
    );
    const seed = await broken('cells.jsonl', (t) => t.replace('"seed":0', '"seed":9'));
    await expect(loadSweep(seed)).rejects.toThrow(
      /cell 1 \(plain, depth 3, seed 9\): seed is 9; the manifest's grid has seeds 0\.\.3/,
    );
    const metric = await broken('cells.jsonl', (t) => t.replace(/"ratio":[^,]+/, '"ratio":"big"'));
    await expect(loadSweep(metric)).rejects.toThrow(/line 1: ratio is "big"; expected a number/);
  });

  it('refuses a folder whose cell count disagrees with its manifest', async () => {
    const dir = await broken('cells.jsonl', (t) => `${t.split('\n').slice(0, 10).join('\n')}\n`);
    await expect(loadSweep(dir)).rejects.toThrow(
      /has 10 cells but .*manifest\.json says cellCount 16\. The sweep may not have finished/,
    );
  });

  it('checks the summary header and numbers', async () => {
    const header = await broken('summary.csv', (t) => t.replace('arch,depth', 'depth,arch'));
    await expect(loadSweep(header)).rejects.toThrow(/summary\.csv line 1: column 1 is "depth", not "arch"/);
    const value = await broken('summary.csv', (t) => t.replace(/^(plain,3,4,0,)[^,]+/m, '$1abc'));
    await expect(loadSweep(value)).rejects.toThrow(
      /summary\.csv line 2: ratio_median is "abc"; expected a number, NaN or Infinity/,
    );
  });
});
