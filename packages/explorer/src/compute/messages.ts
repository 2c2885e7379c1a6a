import type { EpochRecord, TrainOptions } from '@resnet/core';
import type { GridSpec } from '@resnet/sweep/browser';

// The messages between the page and its workers (plain data; Float64Arrays travel as transferred buffers).

/** Compute the cells of seeds [from, to) (indices into grid.seeds) of a grid. */
export interface GridTask {
  kind: 'grid';
  /** The page's job number, echoed back so results of a superseded job are dropped. */
  job: number;
  grid: GridSpec;
  from: number;
  to: number;
  /** Compute every group and return each cell's summary values; false computes only the profile's groups. */
  stats: boolean;
  /** Grid depth whose groups' per-layer gradient norms come back (the layer profile), or null. */
  profileDepth: number | null;
}

/** Per-layer gradient norms (core's layerGradNorms) of the groups at one grid depth, seed by seed. */
export interface ProfileChunk {
  depth: number;
  /** The groups at that depth, in group order, and their layer counts. */
  groups: number[];
  lengths: number[];
  /** For each seed of the chunk, each group's layerGradNorms one after the other. */
  values: Float64Array;
}

/** What a grid task returns. */
export interface GridResult {
  kind: 'grid';
  job: number;
  from: number;
  to: number;
  /** STAT_FIELDS values per cell in canonical (seed-major) order, or null for a profile-only task. */
  stats: Float64Array | null;
  profile: ProfileChunk | null;
  /** Milliseconds the task computed for. */
  ms: number;
  /** A cell's error message; the task's other fields are then empty. */
  error?: string;
}

/** The embedded digits as decoded once by the page (mnistFormat.ts): each worker builds its Float64 datasets. */
export interface TrainDataBytes {
  bytes: Uint8Array;
}

/** Start training one net: options as core's trainRun takes them, the data, and how often to measure test error. */
export interface TrainStart {
  kind: 'train-start';
  /** The page's run number, echoed back. */
  run: number;
  options: TrainOptions;
  data: TrainDataBytes;
  /** Train on the first `limit` rows (and test on the first ceil(limit/4)), as `resnet train --limit`; null for all. */
  limit: number | null;
  /** Test-set evaluations per epoch between the epoch ends (besides step 0 and each epoch's end). */
  testsPerEpoch: number;
}

/** Pause or resume a training run. */
export interface TrainControl {
  kind: 'train-pause' | 'train-resume';
  run: number;
}

/** Every message a worker accepts. */
export type WorkerRequest = GridTask | TrainStart | TrainControl;

/** The steps a training run took since its last report: per step the mini-batch loss, errors and size. */
export interface TrainProgress {
  kind: 'train-progress';
  run: number;
  /** Steps done so far, and in all. */
  step: number;
  total: number;
  stepsPerEpoch: number;
  /** Mini-batch records of the steps since the last report: loss (mean over the batch), errors, batch size. */
  loss: number[];
  errors: number[];
  batch: number[];
  /** Test-error measurements [step, error fraction] since the last report. */
  tests: [number, number][];
  /** Epochs finished since the last report (core's EpochRecord, as trainRun returns them). */
  epochs: EpochRecord[];
  done: boolean;
  paused: boolean;
  error?: string;
}

/** Every message a worker sends. */
export type WorkerResponse = GridResult | TrainProgress;
