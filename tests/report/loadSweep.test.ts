import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryStats } from '@resnet/core';
import { loadSweep, ReportError } from '@resnet/report';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

let good: string;
const scratch: string[] = [];

beforeAll(async () => {
  good = (await writeReportSweepFolder({ depths: [3, 5], seeds: 4 })).dir;
});
afterAll(async () => {
  await Promise.all([good, ...scratch].map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of the good folder with one file rewritten by edit. */
async function broken(file: string, edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'report-broken-'));
  scratch.push(dir);
  await cp(good, dir, { recursive: true });
  await writeFile(join(dir, file), edit(await readFile(join(dir, file), 'utf8')));
  return dir;
}

describe('loadSweep', () => {
  it('reads all three files: cells in file order, the grid, the summary rows', async () => {
    const data = await loadSweep(good);
    expect(data.cells).toHaveLength(16);
    expect(data.cells[0]).toMatchObject({ arch: 'plain', depth: 3, seed: 0 });
    expect(data.cells[0]!.layerGradNorms).toHaveLength(3);
    expect(data.cells.at(-1)).toMatchObject({ arch: 'residual', depth: 5, seed: 3 });
    expect(data.cells.at(-1)!.layerGradNorms).toHaveLength(12);
    expect(data.manifest.grid).toEqual({ archs: ['plain', 'residual'], depths: [3, 5], seeds: { start: 0, count: 4 }, width: 16, inputSize: 16 });
    expect(data.summary.rows.map((r) => `${r.arch}${r.depth}`)).toEqual(['plain3', 'plain5', 'residual3', 'residual5']);
    const ratios = data.cells.filter((c) => c.arch === 'plain' && c.depth === 5).map((c) => c.ratio);
    expect(data.summary.rows[1]!.values.ratio_median).toBe(summaryStats(ratios).median);
  });

  it('reads "NaN" / "Infinity" strings back as numbers', async () => {
    const dir = await broken('cells.jsonl', (t) => t.replace(/"ratio":[^,]+/, '"ratio":"Infinity"').replace(/"xNorm":[^,]+/, '"xNorm":"NaN"'));
    const [first] = (await loadSweep(dir)).cells;
    expect(first!.ratio).toBe(Infinity);
    expect(first!.xNorm).toBeNaN();
  });

  it('names the folder when it does not exist', async () => {
    await expect(loadSweep(join(good, 'nope'))).rejects.toThrow(/nope is not a folder\. Pass the output folder of `resnet sweep`/);
  });

  it('names a missing file and what a sweep folder holds', async () => {
    const dir = await broken('summary.csv', (t) => t);
    await rm(join(dir, 'summary.csv'));
    const err = await loadSweep(dir).catch((e) => e);
    expect(err).toBeInstanceOf(ReportError);
    expect(err.file).toBe(join(dir, 'summary.csv'));
    expect(err.message).toMatch(/summary\.csv does not exist\. A sweep folder holds cells\.jsonl, summary\.csv, manifest\.json/);
  });

  it('refuses another format', async () => {
    const dir = await broken('manifest.json', (t) => t.replace('resnet-sweep/1', 'resnet-sweep/9'));
    await expect(loadSweep(dir)).rejects.toThrow(/manifest\.json: format is "resnet-sweep\/9", not "resnet-sweep\/1"/);
  });

  it('names the line of a malformed cell', async () => {
    const dir = await broken('cells.jsonl', (t) => t.split('\n').map((l, i) => (i === 2 ? l.slice(0, 40) : l)).join('\n'));
    const err = await loadSweep(dir).catch((e) => e);
    expect(err.message).toMatch(/cells\.jsonl line 3: is not valid JSON .*the file may be truncated/);
    expect(err.line).toBe(3);
  });

  it('checks each array against the network it claims to be', async () => {
    const dir = await broken('cells.jsonl', (t) => t.replace(/"gradNorms":\[[^\]]*\]/, '"gradNorms":[1,2]'));
    await expect(loadSweep(dir)).rejects.toThrow(/cells\.jsonl line 1: gradNorms is an array of length 2; a plain net of depth 3 has 3 values/);
  });

  it('rejects a cell outside the grid and a non-number metric', async () => {
    const depth = await broken('cells.jsonl', (t) => t.replace('"depth":3', '"depth":7'));
    await expect(loadSweep(depth)).rejects.toThrow(/line 1: depth is 7; the manifest's grid has 3, 5/);
    const metric = await broken('cells.jsonl', (t) => t.replace(/"ratio":[^,]+/, '"ratio":"big"'));
    await expect(loadSweep(metric)).rejects.toThrow(/line 1: ratio is "big"; expected a number or "NaN", "Infinity", "-Infinity"/);
  });

  it('refuses a folder whose cell count disagrees with its manifest', async () => {
    const dir = await broken('cells.jsonl', (t) => t.split('\n').slice(0, 10).join('\n'));
    await expect(loadSweep(dir)).rejects.toThrow(/has 10 cells but .*manifest\.json says cellCount 16\. The sweep may not have finished/);
  });

  it('checks the summary header and numbers', async () => {
    const header = await broken('summary.csv', (t) => t.replace('arch,depth', 'depth,arch'));
    await expect(loadSweep(header)).rejects.toThrow(/summary\.csv line 1: column 1 is "depth", not "arch"/);
    const value = await broken('summary.csv', (t) => t.replace(/^(plain,3,4,0,)[^,]+/m, '$1abc'));
    await expect(loadSweep(value)).rejects.toThrow(/summary\.csv line 2: ratio_median is "abc"; expected a number, NaN or Infinity/);
  });
});
