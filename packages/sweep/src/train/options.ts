import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkDataset,
  kDefaultTrainOptions,
  OptionsError,
  resolveTrainOptions,
  TRAIN_ARCHS,
  type Dataset,
  type TrainArch,
} from '@resnet/core';
import { GridError } from '../errors.js';
import { CELL_FORMATS, type CellFormat } from '../folder/names.js';
import { MAX_SEED } from '../grid.js';
import { checkShard, type Shard } from '../shard.js';
import type { RunOptions } from './types.js';

/** The training grid's defaults: depths 4, 8, 16, 32 x plain, residual x 3 seeds (issue 11). */
export const DEFAULT_TRAIN_GRID = {
  archs: ['plain', 'residual'] as TrainArch[],
  depths: [4, 8, 16, 32],
  seeds: { start: 0, count: 3 },
};

/** The data a training sweep trains on: a name for the manifest and the datasets (copied once into shared memory if they are not). */
export interface TrainSweepData {
  /** What the data is, e.g. `mnist` or `patterns` (recorded in manifest.json). */
  name: string;
  train: Dataset;
  test?: Dataset | null;
}

/** Options of runTrainSweep. */
export interface TrainSweepOptions {
  /** Default plain, residual. */
  archs?: TrainArch[];
  /** Weight layers per net, ascending and distinct; default 4, 8, 16, 32. */
  depths?: number[];
  /** Seeds `{start, count}` or a count (seeds 0..count-1); default 3. */
  seeds?: { start: number; count: number } | number;
  /** Options of every run (epochs, width, batchNorm, branchScale, lr, ...); core's defaults otherwise. */
  train?: RunOptions;
  data: TrainSweepData;
  /** Output folder. */
  out: string;
  /** Formats of the runs files, written in this order: `parquet` (runs.parquet) and `jsonl` (runs.jsonl); default ['parquet']. */
  formats?: ReadonlyArray<CellFormat>;
  /** Worker threads; default os.availableParallelism(). */
  threads?: number;
  /** This folder's shard of the grid's runs, or null for all. */
  shard?: Shard | null;
  /** The command line, recorded in manifest.json. */
  command?: string;
  /** Worker entry (tests); default the compiled dist/train/worker.js. */
  workerFilename?: string;
}

/** Options with every default filled and every field checked. */
export interface ResolvedTrainSweepOptions {
  archs: TrainArch[];
  depths: number[];
  seeds: { start: number; count: number };
  /** Every option of a run but arch, depth and seed, defaults filled (branchScale as given). */
  train: Required<RunOptions>;
  data: { name: string; train: Dataset; test: Dataset | null };
  out: string;
  formats: CellFormat[];
  threads: number;
  shard: Shard | null;
  command: string | undefined;
  workerFilename: string;
}

/**
 * Checks every option once, before any work: grid errors name the CLI flag (`--depths`, ...), run
 * options are checked by core's resolveTrainOptions for every (arch, depth) (OptionsError names the field).
 */
export function resolveTrainSweepOptions(options: TrainSweepOptions): ResolvedTrainSweepOptions {
  const archs = options.archs ?? DEFAULT_TRAIN_GRID.archs;
  if (
    !Array.isArray(archs) ||
    archs.length === 0 ||
    archs.some((a) => !TRAIN_ARCHS.includes(a)) ||
    new Set(archs).size !== archs.length
  ) {
    throw new GridError('--archs', archs, `distinct architectures from ${TRAIN_ARCHS.join(', ')}`);
  }
  const depths = options.depths ?? DEFAULT_TRAIN_GRID.depths;
  if (
    !Array.isArray(depths) ||
    depths.length === 0 ||
    depths.some((d, i) => !Number.isInteger(d) || d < 2 || (i > 0 && d <= depths[i - 1]!))
  ) {
    throw new GridError('--depths', depths, 'ascending distinct integers >= 2 (weight layers)');
  }
  const seeds =
    typeof options.seeds === 'number'
      ? { start: 0, count: options.seeds }
      : (options.seeds ?? DEFAULT_TRAIN_GRID.seeds);
  if (
    !Number.isInteger(seeds.start) ||
    !Number.isInteger(seeds.count) ||
    seeds.start < 0 ||
    seeds.count < 1 ||
    seeds.start + seeds.count - 1 > MAX_SEED
  ) {
    throw new GridError('--seeds', seeds, `a count >= 1 or a range of seeds from 0 to ${MAX_SEED}`);
  }
  const train = { ...kDefaultTrainOptions, ...withoutUndefined(options.train ?? {}) } as Required<RunOptions> &
    Record<string, unknown>;
  for (const key of ['arch', 'depth', 'seed']) {
    if (key in (options.train ?? {}))
      throw new OptionsError(
        `train.${key}`,
        (options.train as Record<string, unknown>)[key],
        'absent (the grid sets it)',
      );
    delete train[key];
  }
  for (const arch of archs)
    for (const depth of depths) resolveTrainOptions({ ...train, arch, depth, seed: seeds.start });
  const data = options.data;
  if (!data || typeof data.name !== 'string' || data.name === '')
    throw new OptionsError('data.name', data?.name, 'a non-empty name of the data');
  const trainSet = checkDataset('train', data.train);
  const testSet = data.test ? checkDataset('test', data.test) : null;
  if (testSet && (testSet.features !== trainSet.features || testSet.classes !== trainSet.classes)) {
    throw new OptionsError(
      'test.features',
      testSet.features,
      `${trainSet.features} features and ${trainSet.classes} classes, as the training set`,
    );
  }
  if (typeof options.out !== 'string' || options.out.trim() === '')
    throw new GridError('--out', options.out, 'a folder path');
  const formats = resolveFormats(options.formats);
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024)
    throw new GridError('--threads', threads, 'an integer from 1 to 1024');
  const shard = options.shard ? checkShard('--shard', options.shard, options.shard.index, options.shard.count) : null;
  return {
    archs: [...archs],
    depths: [...depths],
    seeds: { start: seeds.start, count: seeds.count },
    train,
    data: { name: data.name, train: shared(trainSet), test: testSet && shared(testSet) },
    out: resolve(options.out),
    formats,
    threads,
    shard,
    command: options.command,
    workerFilename: options.workerFilename ?? fileURLToPath(new URL('./worker.js', import.meta.url)),
  };
}

/** Default formats of a training folder's runs. */
export const DEFAULT_TRAIN_FORMATS: readonly CellFormat[] = ['parquet'];

/** Checks `formats` (--format): a non-empty list of parquet, jsonl; repeats dropped, order kept (the manifest lists files in it). */
function resolveFormats(formats: ReadonlyArray<CellFormat> | undefined): CellFormat[] {
  if (formats === undefined) return [...DEFAULT_TRAIN_FORMATS];
  const expected = `a non-empty comma-separated list of ${CELL_FORMATS.join(', ')}`;
  if (!Array.isArray(formats) || formats.length === 0) throw new GridError('--format', formats, expected);
  for (const f of formats)
    if (!(CELL_FORMATS as readonly string[]).includes(f)) throw new GridError('--format', f, expected);
  return [...new Set(formats)];
}

/** ds over SharedArrayBuffers (as is when it already is), so workers read it without a copy. */
function shared(ds: Dataset): Dataset {
  if (ds.x.buffer instanceof SharedArrayBuffer && ds.y.buffer instanceof SharedArrayBuffer) return ds;
  const x = new Float64Array(new SharedArrayBuffer(ds.x.length * 8));
  const y = new Int32Array(new SharedArrayBuffer(ds.y.length * 4));
  x.set(ds.x);
  y.set(ds.y);
  return { ...ds, x, y };
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
