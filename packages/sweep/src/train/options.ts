import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  checkDataset,
  maxOf,
  kDefaultTrainOptions,
  OptionsError,
  resolveTrainOptions,
  type Dataset,
  type TrainArch,
} from '@resnet/core';
import { jobAxes, type SweepAxes } from '../axes.js';
import { GridError } from '../errors.js';
import type { OutputFormat } from '../folder/names.js';
import { checkArchs, checkFormats, checkSeeds } from '../grid.js';
import { checkShard, type Shard } from '../shard.js';
import { resolveAxes } from '../variants.js';
import { TRAIN_DEPTH_UNIT, createTrainPlan, trainLayers, type TrainPlan } from './plan.js';
import { checkTrainMemory, type TrainSize } from './trainMemory.js';
import { defaultMemoryLimit } from '../options.js';
import type { RunOptions } from './plan.js';

/** The training grid's defaults: depths 4, 8, 16, 32 x plain, residual x 3 seeds. */
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
  /** Depths in `axes.depthUnit` (default: weight layers), ascending and distinct; default 4, 8, 16, 32. */
  depths?: number[];
  /** Seeds `{start, count}` or a count (seeds 0..count-1); default 3. */
  seeds?: { start: number; count: number } | number;
  /** Options of every run (epochs, width, batchNorm, branchScale, lr, ...); core's defaults otherwise. */
  train?: RunOptions;
  /**
   * The variant axes training takes (the sweep's, e.g. `branchScale: [1, '1/sqrt(blocks)']`: several values run
   * as a grid axis, one value is the option) and the depth unit (default `layers`).
   */
  axes?: SweepAxes;
  data: TrainSweepData;
  /** Output folder. */
  out: string;
  /** Formats of the runs files, written in this order: `parquet` (runs.parquet) and `jsonl` (runs.jsonl); default ['parquet']. */
  formats?: ReadonlyArray<OutputFormat>;
  /** Worker threads; default os.availableParallelism(). */
  threads?: number;
  /** This folder's shard of the grid's runs, or null for all. */
  shard?: Shard | null;
  /** The command line, recorded in manifest.json. */
  command?: string;
  /** Worker entry (tests); default the compiled dist/train/worker.js. */
  workerFilename?: string;
  /** Memory the training may use, in bytes; default half the machine's memory (the sweep's default). */
  memoryLimit?: number;
}

/** Options with every default filled and every field checked, and the grid's plan. */
export interface ResolvedTrainSweepOptions {
  archs: TrainArch[];
  depths: number[];
  seeds: { start: number; count: number };
  /** The train axes listing several values, and the depth unit when not `layers`; absent when none. */
  axes: SweepAxes | undefined;
  /** Every option of a run but arch, depth, seed and the listed axes, defaults filled (a single-valued axis as given). */
  train: RunOptions & Record<string, unknown>;
  data: { name: string; train: Dataset; test: Dataset | null };
  out: string;
  formats: OutputFormat[];
  threads: number;
  shard: Shard | null;
  command: string | undefined;
  workerFilename: string;
  plan: TrainPlan;
}

/** The grid part of resolved options: what can be checked before the data is loaded. */
export type ResolvedTrainGrid = Pick<
  ResolvedTrainSweepOptions,
  'archs' | 'depths' | 'seeds' | 'axes' | 'train' | 'shard' | 'plan'
>;

/**
 * Checks the grid and the run options (no data needed): grid errors name the CLI flag (`--depths`, ...),
 * run options are checked by core's resolveTrainOptions for every (arch, variant, depth) (OptionsError names the field).
 */
export function resolveTrainGrid(options: Omit<TrainSweepOptions, 'data' | 'out'>): ResolvedTrainGrid {
  const limit = options.memoryLimit ?? defaultMemoryLimit();
  if (typeof limit !== 'number' || !(limit > 0))
    throw new GridError('memoryLimit', limit, 'a positive number of bytes');
  const archs = checkArchs(options.archs ?? DEFAULT_TRAIN_GRID.archs) as TrainArch[];
  const depths = options.depths ?? DEFAULT_TRAIN_GRID.depths;
  if (
    !Array.isArray(depths) ||
    depths.length === 0 ||
    depths.some((d, i) => !Number.isInteger(d) || d < 1 || (i > 0 && d <= depths[i - 1]!))
  ) {
    throw new GridError('--depths', depths, 'ascending distinct positive integers (weight layers by default)');
  }
  const given = options.seeds ?? DEFAULT_TRAIN_GRID.seeds;
  const seeds = typeof given === 'number' ? checkSeeds(given, 0, given) : checkSeeds(given, given?.start, given?.count);
  const { train, axes } = runOptions(options);
  const shard = options.shard ? checkShard('--shard', options.shard, options.shard.index, options.shard.count) : null;
  // From the counts, before the plan is built (a plan of 10^9 runs would not fit in an array): the data is not
  // loaded yet, so its share (the first layer's weights) waits for resolveTrainSweepOptions.
  checkTrainMemory(trainSize(archs, depths, seeds, axes, train, options.threads ?? availableParallelism()), limit);
  const plan = createTrainPlan(archs, [...depths], seeds, shard, axes, train);
  for (const g of plan.groups) resolveTrainOptions({ ...g.options, arch: g.arch, depth: g.layers, seed: seeds.start });
  return { archs, depths: [...depths], seeds, axes, train, shard, plan };
}

/** Checks every option once, before any work (resolveTrainGrid, then the data and the rest). */
export function resolveTrainSweepOptions(options: TrainSweepOptions): ResolvedTrainSweepOptions {
  const grid = resolveTrainGrid(options);
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
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1 || threads > 1024)
    throw new GridError('--threads', threads, 'an integer from 1 to 1024');
  // Now with the data's shape and the folder's own runs (a shard's).
  const size = trainSize(grid.archs, grid.depths, grid.seeds, grid.axes, grid.train, threads);
  const rows = trainSet.count * (trainSet.features + 1) + (testSet ? testSet.count * (testSet.features + 1) : 0);
  checkTrainMemory(
    {
      ...size,
      runs: grid.plan.lastRun - grid.plan.firstRun,
      data: { features: trainSet.features, classes: trainSet.classes, trainCount: trainSet.count, rows },
    },
    options.memoryLimit ?? defaultMemoryLimit(),
  );
  return {
    ...grid,
    data: { name: data.name, train: shared(trainSet), test: testSet && shared(testSet) },
    out: resolve(options.out),
    formats: checkFormats(options.formats),
    threads,
    command: options.command,
    workerFilename: options.workerFilename ?? fileURLToPath(new URL('./worker.js', import.meta.url)),
  };
}

/**
 * The runs' shared options (core's defaults filled, arch, depth and seed refused) and the axes: an axis
 * listing one value becomes that option, as given; several values stay an axis of the grid.
 */
function runOptions(options: Pick<TrainSweepOptions, 'train' | 'axes'>): {
  train: ResolvedTrainSweepOptions['train'];
  axes: SweepAxes | undefined;
} {
  const given = withoutUndefined(options.train ?? {}) as Record<string, unknown>;
  for (const key of ['arch', 'depth', 'seed'])
    if (key in given) throw new OptionsError(`train.${key}`, given[key], 'absent (the grid sets it)');
  const train: Record<string, unknown> = { ...kDefaultTrainOptions, ...given };
  for (const key of ['arch', 'depth', 'seed']) delete train[key];
  const defaults = Object.fromEntries(jobAxes('train').map((a) => [a.name, train[a.jobs.train!] as number]));
  const resolved = resolveAxes(options.axes, defaults, 'train');
  const axes: Record<string, unknown> = { ...resolved };
  for (const a of jobAxes('train')) {
    const list = axes[a.name] as Array<string | number> | undefined;
    if (list === undefined) continue;
    if (a.jobs.train! in given && options.axes?.[a.name] !== undefined)
      throw new GridError(`train.${a.jobs.train}`, given[a.name], `absent beside axes.${a.name} (one of them sets it)`);
    if (list.length > 1) delete train[a.jobs.train!];
    else {
      train[a.jobs.train!] = list[0];
      delete axes[a.name];
    }
  }
  return {
    train: train as ResolvedTrainSweepOptions['train'],
    axes: Object.keys(axes).length ? (axes as SweepAxes) : undefined,
  };
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

/** The sizes of a grid the memory estimate takes (trainMemory.ts), its deepest net in weight layers. */
function trainSize(
  archs: TrainArch[],
  depths: readonly number[],
  seeds: { count: number },
  axes: SweepAxes | undefined,
  train: RunOptions,
  threads: number,
): TrainSize {
  const unit = axes?.depthUnit ?? TRAIN_DEPTH_UNIT;
  const deepest = maxOf(archs.map((arch) => trainLayers(arch, unit, depths[depths.length - 1]!)));
  return { archs, deepest, depthCount: depths.length, seedCount: seeds.count, axes, train, threads };
}
