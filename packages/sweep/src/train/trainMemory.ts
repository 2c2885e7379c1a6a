import { kDefaultTrainOptions, type TrainArch } from '@resnet/core';
import { GridTooLargeError, formatBytes } from '../errors.js';
import type { OutputFormat } from '../folder/names.js';
import type { SweepAxes } from '../axes.js';
import { variantCount } from '../gridSize.js';
import type { RunOptions } from './plan.js';

// What a training grid needs, estimated from its counts and options before anything is built or allocated
// (the sweep's estimate's counterpart): the main thread's per-run bookkeeping and each worker's largest net.

/** Baseline of a worker thread's isolate with the trainer loaded, and of the main thread's. */
const WORKER_ISOLATE_BYTES = 32 * 2 ** 20;
const MAIN_ISOLATE_BYTES = 64 * 2 ** 20;
/**
 * The main thread's bytes per run of the folder, besides its per-epoch values: its place in the plan, its
 * journal entry (with its Parquet row group's column chunks) and, when the summary is built, its record
 * and its bytes in the finished file (rounded up from a few KB).
 */
const MAIN_BYTES_PER_RUN = 8 * 1024;
/** Per layer and per unit of width, the doubles a batch row keeps (dense output and input gradient, BN and ReLU buffers, the residual stream's). */
const ACTIVATION_DOUBLES = 8;
/** Bytes of a run in each runs file, beyond its per-epoch values (options columns, finals, row group and footer entries). */
const RUN_FILE_BYTES: Readonly<Record<OutputFormat, { fixed: number; perEpoch: number }>> = {
  parquet: { fixed: 3 * 1024, perEpoch: 3 * 9 },
  jsonl: { fixed: 1024, perEpoch: 3 * 24 },
};

/** The sizes a training grid is estimated from: counts and options, and the data's shape when it is known. */
export interface TrainSize {
  archs: readonly TrainArch[];
  /** Weight layers of the deepest net of the grid. */
  deepest: number;
  depthCount: number;
  seedCount: number;
  axes: SweepAxes | undefined;
  train: RunOptions;
  threads: number;
  /** Runs of this folder (its shard's; the grid's without one). */
  runs?: number;
  /** The data: features, classes, training rows (a batch holds at most these), all rows kept in memory. */
  data?: { features: number; classes: number; trainCount: number; rows: number };
}

/** Runs of a grid from its counts: the sum over archs of variants x depths, times seeds (nothing expanded). */
export function trainRunCount(size: Pick<TrainSize, 'archs' | 'axes' | 'depthCount' | 'seedCount'>): number {
  let groups = 0;
  for (const arch of size.archs) groups += variantCount(size.axes, arch) * size.depthCount;
  return groups * size.seedCount;
}

/** Estimated bytes of one worker training the grid's largest net: weights with gradients and optimiser state, a batch's activations. */
export function trainWorkerBytes(size: TrainSize): number {
  const width = size.train.width ?? kDefaultTrainOptions.width;
  const batchSize = size.train.batchSize ?? kDefaultTrainOptions.batchSize;
  const features = size.data?.features ?? 0;
  const classes = size.data?.classes ?? 0;
  const batch = Math.min(batchSize, size.data?.trainCount ?? batchSize);
  const layers = size.deepest;
  const weights = features * width + Math.max(0, layers - 2) * width * width + width * classes;
  const states = (size.train.optimizer ?? kDefaultTrainOptions.optimizer) === 'adam' ? 2 : 1;
  const activations = ACTIVATION_DOUBLES * batch * width * layers + 2 * batch * features;
  return WORKER_ISOLATE_BYTES + 8 * (weights * (2 + states) + activations);
}

/** Refuses a training grid whose estimated memory exceeds `limit`, naming the flags that size the larger part. */
export function checkTrainMemory(size: TrainSize, limit: number): void {
  const runs = size.runs ?? trainRunCount(size);
  const epochs = size.train.epochs ?? kDefaultTrainOptions.epochs;
  const main = MAIN_ISOLATE_BYTES + runs * (MAIN_BYTES_PER_RUN + 3 * 8 * 2 * epochs) + 8 * (size.data?.rows ?? 0);
  const workers = Math.max(1, Math.min(size.threads, runs));
  const perWorker = trainWorkerBytes(size);
  const total = main + workers * perWorker;
  if (!(total > limit)) return; // NaN: an option out of range, which core's validation names next
  const width = size.train.width ?? kDefaultTrainOptions.width;
  const detail =
    `${runs.toLocaleString('en-US')} runs; main thread ${formatBytes(main)}, ` +
    `${workers} worker(s) x ${formatBytes(perWorker)} for the deepest net (${size.deepest.toLocaleString('en-US')} layers of width ${width})`;
  const advice =
    workers * perWorker >= main
      ? `Use a smaller --width (${width}) or shallower --depths (the deepest has ${size.deepest.toLocaleString('en-US')} layers), a smaller --batch-size, or fewer --threads (${size.threads}).`
      : `Use fewer --seeds (${size.seedCount.toLocaleString('en-US')}), --depths or --archs, or split the grid over machines with --shard i/n.`;
  throw new GridTooLargeError('memory', total, limit, detail, advice);
}

/** Estimated bytes of a training folder's published files: each run in every runs file, and the summary. */
export function trainDiskBytes(runs: number, epochs: number, formats: readonly OutputFormat[]): number {
  let perRun = 0;
  for (const f of formats) perRun += RUN_FILE_BYTES[f].fixed + RUN_FILE_BYTES[f].perEpoch * epochs;
  return runs * perRun + 64 * 1024;
}
