// runs.parquet, the training folder's default runs file: the same values as runs.jsonl, read back by our
// reader and by two independent ones (DuckDB's C++ reader, hyparquet), byte-identical however it was made.
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import { resolveTrainOptions, firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { ConfigMismatchError, GridError } from '@resnet/sweep';
import {
  RunsFileError,
  TrainAbortedError,
  readRuns,
  runTrainSweep,
  type RunRecord,
  type TrainSweepOptions,
} from '@resnet/sweep/train';
import { cleanTemp, folderDifference, tempDir } from './helpers.js';

const bits = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16);
let base: Omit<TrainSweepOptions, 'out'>;
let both: string;
let jsonlRuns: RunRecord[];

beforeAll(async () => {
  const split = loadMnist({ shared: true });
  base = {
    depths: [4, 6],
    seeds: { start: 7, count: 2 },
    train: { epochs: 2, batchSize: 64, width: 12, branchScale: 'invSqrtBlocks' },
    data: { name: 'mnist-200', train: firstRows(split.train, 200), test: firstRows(split.test, 60) },
    threads: 2,
  };
  both = (await runTrainSweep({ ...base, formats: ['parquet', 'jsonl'], out: tempDir('trainpq-both') })).out;
  jsonlRuns = readRuns(both, 'jsonl').runs;
});
afterAll(cleanTemp);

describe('runs.parquet', () => {
  it('holds the values of runs.jsonl, run for run (options, per-epoch lists, finals, nonFinite)', () => {
    const read = readRuns(both);
    expect(read.format).toBe('parquet');
    expect(read.runs).toHaveLength(8);
    expect(read.runs).toEqual(jsonlRuns);
    for (const [i, r] of read.runs.entries()) {
      const j = jsonlRuns[i]!;
      for (const k of ['trainLoss', 'trainError', 'testError'] as const) expect(r[k].map(bits)).toEqual(j[k].map(bits));
      expect(Object.keys(r.options)).toEqual(Object.keys(j.options));
      expect(r.trainLoss).toHaveLength(2);
    }
    // branchScale is the number each run used: 1/sqrt(blocks) for residual nets.
    const residual6 = read.runs.find((r) => r.arch === 'residual' && r.depth === 6)!;
    expect(residual6.options['branchScale']).toBe(1 / Math.sqrt(2));
  });

  it('is the default runs file, and its bytes do not depend on which other formats are written', async () => {
    const out = (await runTrainSweep({ ...base, threads: 1, out: tempDir('trainpq-default') })).out;
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.formats).toEqual(['parquet']);
    expect(Object.keys(manifest.files)).toEqual(['runs.parquet', 'summary.csv']);
    expect(readFileSync(join(out, 'runs.parquet')).equals(readFileSync(join(both, 'runs.parquet')))).toBe(true);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(readFileSync(join(both, 'summary.csv'), 'utf8'));
    // A folder's formats are part of what it is: resuming it with others is refused, naming --format.
    await expect(runTrainSweep({ ...base, formats: ['jsonl'], out })).rejects.toThrow(ConfigMismatchError);
    await expect(runTrainSweep({ ...base, formats: ['jsonl'], out })).rejects.toThrow(
      /--format: folder has \["parquet"\], requested \["jsonl"\]/,
    );
  });

  it('shards merged equal one run with runs.parquet alone; jsonl alone too', async () => {
    for (const formats of [['parquet'], ['jsonl']] as const) {
      const whole = (await runTrainSweep({ ...base, formats: [...formats], out: tempDir('trainpq-whole') })).out;
      const shards = [];
      for (const index of [1, 2, 3])
        shards.push(
          (
            await runTrainSweep({
              ...base,
              formats: [...formats],
              shard: { index, count: 3 },
              out: tempDir('trainpq-s'),
            })
          ).out,
        );
      const { mergeTrainFolders } = await import('@resnet/sweep/train');
      const merged = join(tempDir('trainpq-merged'), 'all');
      await mergeTrainFolders([shards[2]!, shards[0]!, shards[1]!], merged);
      expect(folderDifference(whole, merged)).toBeNull();
      expect(readRuns(merged).runs).toEqual(jsonlRuns);
    }
  });

  it('resumes after a stop byte-identically, a damaged runs.parquet.part dropping only its last run', async () => {
    const out = tempDir('trainpq-stop');
    const controller = new AbortController();
    const error = await runTrainSweep(
      { ...base, threads: 1, formats: ['parquet', 'jsonl'], out },
      { signal: controller.signal, onRunCommitted: (n) => n >= 3 && controller.abort() },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainAbortedError);
    const saved = (error as TrainAbortedError).saved;
    expect(saved).toBeGreaterThanOrEqual(3); // (all 8 when a slow fsync lets every run finish first: see train.test.ts)
    const journal = readFileSync(join(out, '.resume', 'journal.jsonl'), 'utf8')
      .trim()
      .split('\n');
    for (const line of journal)
      expect(JSON.parse(line.split('\t')[0]!).rowGroup).toMatchObject({ rows: 1, columns: expect.any(Array) });
    const part = join(out, '.resume', 'runs.parquet.part');
    expect(readFileSync(part).subarray(0, 4).toString()).toBe('PAR1');
    truncateSync(part, statSync(part).size - 5);
    const resumed = await runTrainSweep({ ...base, formats: ['parquet', 'jsonl'], out });
    expect(resumed.resumed).toBe(saved - 1);
    expect(folderDifference(both, out)).toBeNull();
  });

  it('DuckDB reads every column with its type and every value bit for bit', async () => {
    const file = join(both, 'runs.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
      const types = Object.fromEntries(reader.columnNames().map((name, i) => [name, String(reader.columnTypes()[i])]));
      const options = resolveTrainOptions({ ...base.train, arch: 'plain', depth: 4 });
      const optionTypes = Object.fromEntries(
        Object.entries(options)
          .filter(([k]) => !['arch', 'depth', 'seed'].includes(k))
          .map(([k, v]) => [k, typeof v === 'boolean' ? 'BOOLEAN' : typeof v === 'number' ? 'DOUBLE' : 'VARCHAR']),
      );
      expect(reader.columnNames()).toEqual([
        'arch',
        'depth',
        'seed',
        ...Object.keys(optionTypes),
        'steps',
        'trainLoss',
        'trainError',
        'testError',
        'gradNorms',
        'finalTrainLoss',
        'finalTrainError',
        'finalTestError',
        'nonFinite',
      ]);
      expect(types).toEqual({
        arch: 'VARCHAR',
        depth: 'INTEGER',
        seed: 'BIGINT',
        ...optionTypes,
        steps: 'BIGINT',
        trainLoss: 'DOUBLE[]',
        trainError: 'DOUBLE[]',
        testError: 'DOUBLE[]',
        gradNorms: 'DOUBLE[]',
        finalTrainLoss: 'DOUBLE',
        finalTrainError: 'DOUBLE',
        finalTestError: 'DOUBLE',
        nonFinite: 'VARCHAR',
      });
      const rows = reader.getRowObjectsJS() as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(jsonlRuns.length);
      rows.forEach((row, i) => {
        const r = jsonlRuns[i]!;
        expect([row.arch, row.depth, row.seed, row.steps, row.nonFinite]).toEqual([
          r.arch,
          r.depth,
          BigInt(r.seed),
          BigInt(r.steps),
          r.nonFinite,
        ]);
        for (const [k, v] of Object.entries(r.options)) expect(row[k], k).toEqual(v);
        for (const k of ['trainLoss', 'trainError', 'testError', 'gradNorms'] as const)
          expect((row[k] as number[]).map(bits), k).toEqual(r[k].map(bits));
        // (epochs + 1) x depth gradient norms: at initialisation, then after each epoch.
        expect((row.gradNorms as number[]).length).toBe((r.trainLoss.length + 1) * r.depth);
        for (const k of ['finalTrainLoss', 'finalTrainError', 'finalTestError'] as const)
          expect(bits(row[k] as number), k).toBe(bits(r[k]));
      });
      const grouped = await connection.runAndReadAll(
        `SELECT arch, depth, count(*)::INTEGER AS n FROM read_parquet('${file}') GROUP BY ALL ORDER BY ALL`,
      );
      expect(grouped.getRowObjectsJS()).toEqual([
        { arch: 'plain', depth: 4, n: 2 },
        { arch: 'plain', depth: 6, n: 2 },
        { arch: 'residual', depth: 4, n: 2 },
        { arch: 'residual', depth: 6, n: 2 },
      ]);
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  });

  it('hyparquet reads the same values', async () => {
    const bytes = readFileSync(join(both, 'runs.parquet'));
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
    })) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(jsonlRuns.length);
    rows.forEach((row, i) => {
      const r = jsonlRuns[i]!;
      expect([row['arch'], row['depth'], Number(row['seed']), Number(row['steps']), row['nonFinite']]).toEqual([
        r.arch,
        r.depth,
        r.seed,
        r.steps,
        r.nonFinite,
      ]);
      for (const [k, v] of Object.entries(r.options)) expect(row[k], k).toEqual(v);
      for (const k of ['trainLoss', 'trainError', 'testError', 'gradNorms'] as const) expect(row[k], k).toEqual(r[k]);
      expect(row['finalTrainError']).toBe(r.finalTrainError);
    });
  });

  it('a damaged runs.parquet is refused naming the file', () => {
    const dir = tempDir('trainpq-bad');
    const bytes = readFileSync(join(both, 'runs.parquet'));
    writeFileSync(join(dir, 'runs.parquet'), bytes.subarray(0, bytes.length - 10));
    expect(() => readRuns(dir)).toThrow(RunsFileError);
    expect(() => readRuns(dir)).toThrow(/runs\.parquet footer: does not start and end with "PAR1"/);
    expect(() => readRuns(tempDir('trainpq-empty'))).toThrow(/holds neither runs\.parquet nor runs\.jsonl/);
    expect(() => readRuns(dir, 'jsonl')).toThrow(/runs\.jsonl: does not exist/);
  });

  it('refuses formats other than parquet and jsonl, naming --format', async () => {
    const out = join(tempDir('trainpq-fmt'), 'never');
    await expect(runTrainSweep({ ...base, formats: ['csv' as 'jsonl'], out })).rejects.toThrow(GridError);
    await expect(runTrainSweep({ ...base, formats: [], out })).rejects.toThrow(/--format/);
  });
});
