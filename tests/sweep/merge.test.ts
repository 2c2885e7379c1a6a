import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigMismatchError,
  DuplicateCellsError,
  GridError,
  IncompleteError,
  SweepAbortedError,
  mergeSweeps,
  runSweep,
  type SweepOptions,
} from '@resnet/sweep';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

const grid = {
  depths: [5, 6],
  seeds: { start: 0, count: 6 },
  threads: 1,
  formats: ['parquet' as const, 'jsonl' as const],
}; // 24 cells, 24 blocks
const sweep = (extra: Partial<SweepOptions>) =>
  runSweep({ ...grid, out: tempDir('merge-in'), ...extra }).then((r) => r.out);

let whole: string;
let thirds: string[];
beforeAll(async () => {
  whole = await sweep({});
  thirds = [
    await sweep({ shard: { index: 1, count: 3 } }),
    await sweep({ shard: { index: 2, count: 3 } }),
    await sweep({ shard: { index: 3, count: 3 } }),
  ];
});
afterAll(cleanTemp);

describe('mergeSweeps', () => {
  it('merges shards given in any order into the single-machine folder, byte for byte', async () => {
    const merged = await mergeSweeps([thirds[2]!, thirds[0]!, thirds[1]!], tempDir('merged'));
    expect(merged.cellCount).toBe(24);
    expect(folderDifference(whole, merged.out)).toBeNull();
  });

  it('refuses missing cells, naming an example cell and the missing shard', async () => {
    const run = mergeSweeps([thirds[0]!, thirds[2]!], tempDir('merged'));
    await expect(run).rejects.toThrowError(IncompleteError);
    await expect(run).rejects.toThrowError(
      /8 of 24 cells are missing, e\.g\. arch=plain depth=5 seed=2 \(cell k=8\)\. Missing shards: 2\/3/,
    );
  });

  it('refuses cells given twice: the same shard twice, or a whole sweep plus a shard', async () => {
    const copy = tempDir('copy');
    cpSync(thirds[1]!, copy, { recursive: true });
    await expect(mergeSweeps([...thirds, copy], tempDir('merged'))).rejects.toThrowError(DuplicateCellsError);
    await expect(mergeSweeps([...thirds, copy], tempDir('merged'))).rejects.toThrowError(
      /8 cells would be merged twice, e\.g\. arch=plain depth=5 seed=2 \(cell k=8\) is in both .* \(shard 2\/3\) and .* \(shard 2\/3\)/,
    );
    await expect(mergeSweeps([whole, thirds[0]!], tempDir('merged'))).rejects.toThrowError(
      /8 cells would be merged twice.*whole grid/,
    );
  });

  it('refuses shards of different configurations, listing the differences', async () => {
    const other = await sweep({ seeds: { start: 0, count: 7 }, shard: { index: 2, count: 3 } });
    const run = mergeSweeps([thirds[0]!, other, thirds[2]!], tempDir('merged'));
    await expect(run).rejects.toThrowError(ConfigMismatchError);
    await expect(run).rejects.toThrowError(/--seeds: .* has 0\.\.5, .* has 0\.\.6/);
  });

  it('refuses unfinished folders, folders that are no sweep, and an output folder among the inputs', async () => {
    const controller = new AbortController();
    controller.abort();
    const unfinished = tempDir('unfinished');
    await expect(
      runSweep({ ...grid, shard: { index: 2, count: 3 }, out: unfinished }, { signal: controller.signal }),
    ).rejects.toThrowError(SweepAbortedError);
    await expect(mergeSweeps([thirds[0]!, unfinished, thirds[2]!], tempDir('merged'))).rejects.toThrowError(
      /unfinished sweep; rerun its sweep command/,
    );
    const empty = join(tempDir('empty'), 'x');
    mkdirSync(empty);
    await expect(mergeSweeps([thirds[0]!, empty], tempDir('merged'))).rejects.toThrowError(
      /no manifest\.json, so it is not a sweep folder/,
    );
    await expect(mergeSweeps(thirds, thirds[0]!)).rejects.toThrowError(GridError);
    await expect(mergeSweeps([], tempDir('merged'))).rejects.toThrowError(/one or more sweep folders/);
  });

  it('refuses a damaged input (bytes changed, size kept) by its checksum and leaves no temporary file in --out', async () => {
    const copy = tempDir('damaged');
    cpSync(thirds[1]!, copy, { recursive: true });
    const path = `${copy}/cells.jsonl`;
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 0x02;
    writeFileSync(path, bytes);
    const out = tempDir('merged');
    await expect(mergeSweeps([thirds[0]!, copy, thirds[2]!], out)).rejects.toThrowError(
      /cells\.jsonl has crc32 [0-9a-f]{8}, its manifest says [0-9a-f]{8}: the file is damaged/,
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('fails at once on an unusable --out, naming it', async () => {
    for (const out of [
      '/proc/forbidden',
      '/proc/self/x',
      `${thirds[0]}/manifest.json`,
      `${thirds[0]}/manifest.json/sub`,
    ]) {
      const run = mergeSweeps(thirds, out);
      await expect(run, out).rejects.toThrowError(GridError);
      await expect(run, out).rejects.toThrowError(/^--out: got /);
    }
    expect(existsSync('/proc/forbidden')).toBe(false);
  });

  it('merges shards that hold no block (more shards than blocks): empty but valid folders', async () => {
    const tiny = {
      depths: [5],
      seeds: { start: 0, count: 1 },
      threads: 1,
      formats: ['parquet' as const, 'jsonl' as const],
    }; // 2 cells, 2 blocks
    const one = await runSweep({ ...tiny, out: tempDir('tiny') });
    const parts: string[] = [];
    for (let index = 1; index <= 3; index++)
      parts.push((await runSweep({ ...tiny, shard: { index, count: 3 }, out: tempDir('tiny-shard') })).out);
    expect(JSON.parse(readFileSync(`${parts[0]}/manifest.json`, 'utf8'))).toMatchObject({
      cellCount: 0,
      blocks: { count: 2, first: 0, last: 0 },
    });
    const merged = await mergeSweeps(parts, tempDir('merged'));
    expect(folderDifference(one.out, merged.out)).toBeNull();
  });
});
