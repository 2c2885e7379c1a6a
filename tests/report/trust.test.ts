// Reports draw only what a folder's manifest vouches for (issue 19): every file's size, the crc32 of what is read
// (the cells or runs file checked on the bytes read anyway, once), the counts its grid and shard give.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSweep, loadTrain, ReportError, writeReport } from '@resnet/report';
import { runSweep } from '@resnet/sweep';
import { cleanTemp, tempDir } from '../sweep/helpers.js';
import { TRAIN, editManifest } from '../sweep/jobs.js';

afterAll(cleanTemp);

const grid = { depths: [3, 4], seeds: { start: 0, count: 3 }, threads: 1 };
let sweep: string;
let otherSweep: string;
let train: string;
let trainShard: string;
beforeAll(async () => {
  sweep = (await runSweep({ ...grid, out: tempDir('report-sweep') })).out;
  // Another run of the same grid coordinates (arch, depth, seed) at another width: its cells pass every check of
  // the cells against the grid, so only the manifest's sizes and crc32s tell them apart.
  otherSweep = (await runSweep({ ...grid, width: 8, out: tempDir('report-other') })).out;
  train = tempDir('report-train');
  await TRAIN.run(train);
  trainShard = tempDir('report-train-shard');
  await TRAIN.run(trainShard, { shard: { index: 1, count: 2 } });
});

/** A copy of a folder, with `edit` applied. */
function copyOf(dir: string, edit: (copy: string) => void): string {
  const copy = join(tempDir('copy'), 'out');
  cpSync(dir, copy, { recursive: true });
  edit(copy);
  return copy;
}

describe('the sweep report', () => {
  it.each([['cells.parquet'], ['summary.csv']])(
    'refuses another run’s %s in the folder, naming the file (it drew it with this folder’s captions)',
    async (name) => {
      const dir = copyOf(sweep, (d) => writeFileSync(join(d, name), readFileSync(join(otherSweep, name))));
      const load = loadSweep(dir);
      await expect(load).rejects.toThrowError(ReportError);
      await expect(load).rejects.toThrowError(
        new RegExp(
          `${name.replace('.', '\\.')}:? has (\\d+ bytes|crc32 [0-9a-f]{8}), (but manifest\\.json|the manifest) says`,
        ),
      );
    },
  );

  it('refuses a cells file changed in place (same size): its crc32 is checked on the bytes read', async () => {
    const dir = copyOf(sweep, (d) => {
      const path = join(d, 'cells.parquet');
      const bytes = readFileSync(path);
      bytes[bytes.length >> 1] ^= 0x01; // the lowest bit of one byte of a value
      writeFileSync(path, bytes);
    });
    await expect(loadSweep(dir)).rejects.toThrowError(/cells\.parquet: has crc32 [0-9a-f]{8}, but manifest\.json says/);
  });

  it('refuses an edited cellCount, as a rerun (which repairs it) and merge do', async () => {
    const dir = copyOf(sweep, (d) =>
      editManifest(d, (m) => {
        m.cellCount = 24;
      }),
    );
    await expect(loadSweep(dir)).rejects.toThrowError(/says 24 cells, but its grid and shard hold 12/);
  });
});

describe('the sweep report as writeReport streams it (cells file and cellstats.f64, each read once)', () => {
  const report = (dir: string) => writeReport(dir, { formats: [] });

  it.each([['cells.parquet'], ['cellstats.f64'], ['summary.csv']])(
    'refuses another run’s %s in the folder, naming the file',
    async (name) => {
      const dir = copyOf(sweep, (d) => writeFileSync(join(d, name), readFileSync(join(otherSweep, name))));
      await expect(report(dir)).rejects.toThrowError(ReportError);
      await expect(report(dir)).rejects.toThrowError(
        new RegExp(
          `${name.replace('.', '\\.')}:? has (\\d+ bytes|crc32 [0-9a-f]{8}), (but manifest\\.json|the manifest) says`,
        ),
      );
    },
  );

  it.each([['cells.parquet'], ['cellstats.f64']])(
    'refuses %s changed in place (same size): its crc32 is checked on the bytes streamed',
    async (name) => {
      const dir = copyOf(sweep, (d) => {
        const path = join(d, name);
        const bytes = readFileSync(path);
        bytes[bytes.length >> 1] ^= 0x01; // the lowest bit of one byte of a value
        writeFileSync(path, bytes);
      });
      await expect(report(dir)).rejects.toThrowError(
        new RegExp(`${name.replace('.', '\\.')}:? has crc32 [0-9a-f]{8}, but manifest\\.json says`),
      );
    },
  );

  it('draws an intact folder', async () => {
    const dir = copyOf(sweep, () => undefined);
    expect((await report(dir)).html).toBe(join(dir, 'report.html'));
  });
});

describe('the training report', () => {
  it('refuses a shard’s runs.parquet in a whole folder (it drew half the runs)', async () => {
    const dir = copyOf(train, (d) =>
      writeFileSync(join(d, 'runs.parquet'), readFileSync(join(trainShard, 'runs.parquet'))),
    );
    const load = loadTrain(dir);
    await expect(load).rejects.toThrowError(ReportError);
    await expect(load).rejects.toThrowError(/runs\.parquet: has \d+ bytes, but manifest\.json says \d+/);
  });

  it('refuses runs.jsonl with lines given twice (they were counted as more seeds)', async () => {
    const dir = copyOf(train, (d) => {
      editManifest(d, (m) => {
        m.formats = ['jsonl'];
        delete (m.files as Record<string, unknown>)['runs.parquet'];
      });
      const path = join(d, 'runs.jsonl');
      const lines = readFileSync(path, 'utf8');
      writeFileSync(path, `${lines + lines.split('\n').slice(0, 2).join('\n')}\n`);
    });
    await expect(loadTrain(dir)).rejects.toThrowError(/runs\.jsonl: has \d+ bytes, but manifest\.json says \d+/);
  });

  it('refuses an edited runCount, as a rerun (which repairs it) and merge do', async () => {
    const dir = copyOf(train, (d) =>
      editManifest(d, (m) => {
        m.runCount = 3;
      }),
    );
    await expect(loadTrain(dir)).rejects.toThrowError(/says 3 runs, but its grid and shard hold 6/);
  });

  it('draws an intact folder (the checks read each file once and accept it)', async () => {
    expect((await loadTrain(train)).runs).toHaveLength(6);
    expect((await loadSweep(sweep)).cells).toHaveLength(12);
  });
});
