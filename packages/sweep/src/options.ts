import { availableParallelism, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Arch } from '@resnet/core';
import type { SweepAxes } from './axes.js';
import { resolveAxes } from './variants.js';
import { GridError, GridTooLargeError } from './errors.js';
import { MAX_DEPTH_COUNT, checkArchs, checkFormats, checkPlainDepth, checkSeeds } from './grid.js';
import type { OutputFormat } from './folder/names.js';
import { createLayout, folderWork, type GridLayout } from './layout.js';
import { DEFAULT_BUFFER_BYTES, LAYOUT_BYTES_PER_GROUP, estimateGridMemory } from './memory.js';
import { checkGroupCount, gridFactors } from './gridSize.js';
import { checkShard, type Shard } from './shard.js';
import type { GridSpec } from './types.js';

/** Options of one sweep; only depths, seeds and out are required. */
export interface SweepOptions {
  /** Network depths (plain: layers >= 2; residual: blocks >= 1), e.g. parseDepths('5..40'). */
  depths: readonly number[];
  /** Seed range, e.g. parseSeeds('100') = { start: 0, count: 100 }. */
  seeds: { start: number; count: number };
  /** Architectures in grid order; default plain then residual. */
  archs?: readonly Arch[];
  /** Hidden width; default 16 (the notebook's). */
  width?: number;
  /**
   * Variant axes (lists of values; each default the notebook's single value) and the depth unit.
   * Groups are the product arch x axes (in AXIS_NAMES order) x depth, depth fastest.
   */
  axes?: SweepAxes;
  /** Input (and output) size; default 16. */
  inputSize?: number;
  /** Worker threads; default os.availableParallelism(), or fewer for a grid of little work (WORK_PER_DEFAULT_THREAD). */
  threads?: number;
  /** Output formats of the cells, written in this order; default ['parquet']. */
  formats?: ReadonlyArray<OutputFormat>;
  /** Bytes of output the main thread may hold while earlier blocks finish (reorder buffer); default 64 MiB. */
  bufferBytes?: number;
  /** Output folder (created if missing; an interrupted sweep in it is resumed). */
  out: string;
  /** Run only shard i/n of the grid; default the whole grid. */
  shard?: Shard | null;
  /** The command line, recorded in manifest.json. */
  command?: string;
  /** Memory the sweep may use, in bytes; default half the machine's memory. */
  memoryLimit?: number;
  /** Worker module path; default the package's dist/worker.js (tests point it at a fault-injecting stub). */
  workerFilename?: string;
  /**
   * Run a folder of little work (a few ms of cells) on the calling thread: no worker thread to start, which takes
   * longer. It blocks the thread meanwhile and keeps the worker module's state (its kernel) for the next sweep;
   * default false. The CLI sets it.
   */
  inline?: boolean;
}

/** Every option filled in and validated, plus the grid's layout. */
export interface ResolvedSweepOptions {
  grid: GridSpec;
  layout: GridLayout;
  threads: number;
  formats: OutputFormat[];
  bufferBytes: number;
  out: string;
  command: string | undefined;
  memoryLimit: number;
  workerFilename: string;
  /** Whether a folder of little work may run on the calling thread (SweepOptions.inline). */
  inline: boolean;
}

/** Validates every field once (naming the CLI flag on error) and fills the defaults. */
export function resolveSweepOptions(options: SweepOptions): ResolvedSweepOptions {
  if (options === null || typeof options !== 'object')
    throw new GridError('options', options, 'an object with depths, seeds and out');
  const archs = checkArchs(options.archs);
  const widths = options.axes?.width;
  if (widths !== undefined && options.width !== undefined) {
    throw new GridError(
      '--width',
      options.width,
      'either --width or --widths, not both',
      `Write --widths ${[options.width, ...widths].join(',')}.`,
    );
  }
  const width = Array.isArray(widths) && widths.length > 0 ? widths[0]! : options.width;
  const grid: GridSpec = {
    archs,
    depths: resolveDepths(
      options.depths,
      archs,
      options.axes?.depthUnit !== undefined && options.axes.depthUnit !== 'native',
    ),
    seeds: resolveSeeds(options.seeds),
    width: positiveInt(widths === undefined ? '--width' : '--widths', width, 16),
    inputSize: positiveInt('--input-size', options.inputSize, 16),
    shard:
      options.shard == null ? null : checkShard('--shard', options.shard, options.shard.index, options.shard.count),
  };
  const axes = resolveAxes(options.axes, { width: grid.width });
  if (axes) grid.axes = axes;
  const threads = positiveInt('--threads', options.threads, availableParallelism(), 1024);
  if (typeof options.out !== 'string' || options.out.trim() === '')
    throw new GridError('--out', options.out, 'a folder path');
  if (options.command !== undefined && typeof options.command !== 'string')
    throw new GridError('command', options.command, 'a string');
  const formats = checkFormats(options.formats);
  const bufferBytes = positiveInt('bufferBytes', options.bufferBytes, DEFAULT_BUFFER_BYTES);
  const memoryLimit = positiveNumber('memoryLimit', options.memoryLimit, defaultMemoryLimit());
  // From the counts, before the grid is laid out: every thread holds its layout.
  const groups = checkGroupCount(grid.archs, grid.depths.length, grid.axes);
  const layoutBytes = groups * LAYOUT_BYTES_PER_GROUP * (1 + threads);
  if (layoutBytes > memoryLimit)
    throw new GridTooLargeError(
      'memory',
      layoutBytes,
      memoryLimit,
      `${groups.toLocaleString('en-US')} (arch, variant, depth) groups from ${gridFactors(grid.depths.length, grid.axes)}, laid out on the main thread and ${threads} worker(s)`,
    );
  const layout = createLayout(grid);
  const resolved: ResolvedSweepOptions = {
    grid,
    layout,
    threads: options.threads === undefined ? defaultThreads(layout, threads) : threads,
    formats,
    bufferBytes,
    memoryLimit,
    out: resolve(options.out),
    command: options.command,
    workerFilename: options.workerFilename ?? fileURLToPath(new URL('./worker.js', import.meta.url)),
    inline: options.inline ?? false,
  };
  const estimate = estimateGridMemory(resolved);
  if (estimate.total > memoryLimit) throw new GridTooLargeError('memory', estimate.total, memoryLimit, estimate.detail);
  return resolved;
}

/**
 * Normals drawn (~ weights) that a worker thread of its own is worth by default: about half a second of one
 * worker's cells on the development VM. Starting and warming a worker (its code, its cell programs) costs
 * more CPU than a smaller share saves: the README grid (6.2e7) ran 1.26x faster on one worker than on two there.
 */
export const WORK_PER_DEFAULT_THREAD = 1e8;

/** Worker threads when --threads is not given: the cores, or fewer for a folder of little work (one at least). */
function defaultThreads(l: GridLayout, cores: number): number {
  return Math.max(1, Math.min(cores, Math.ceil(folderWork(l) / WORK_PER_DEFAULT_THREAD)));
}

/** Validates --depths; with a depth unit other than native, core's depthFor checks each (arch, depth) in the layout. */
function resolveDepths(depths: readonly number[], archs: readonly Arch[], unit: boolean): number[] {
  const expected = 'a non-empty list of positive integer depths, e.g. 5..40';
  if (!Array.isArray(depths) || depths.length === 0) throw new GridError('--depths', depths, expected);
  if (depths.length > MAX_DEPTH_COUNT)
    throw new GridError('--depths', `${depths.length} depths`, `at most ${MAX_DEPTH_COUNT} depths`);
  for (const d of depths) if (!Number.isSafeInteger(d) || d < 1) throw new GridError('--depths', d, expected);
  const sorted = [...new Set(depths)].sort((a, b) => a - b);
  checkPlainDepth(sorted[0]!, archs, unit);
  return sorted;
}

function resolveSeeds(seeds: { start: number; count: number }): { start: number; count: number } {
  if (seeds === null || typeof seeds !== 'object')
    throw new GridError('--seeds', seeds, 'a seed count or range, e.g. 100 or 1000..1099');
  return checkSeeds(
    seeds.count === 0 ? 0 : `${seeds.start}..${seeds.start + seeds.count - 1}`,
    seeds.start,
    seeds.count,
  );
}

function positiveInt(
  option: string,
  value: number | undefined,
  fallback: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new GridError(
      option,
      value,
      max === Number.MAX_SAFE_INTEGER ? 'a positive integer' : `an integer from 1 to ${max}`,
    );
  }
  return value;
}

function positiveNumber(option: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0)) throw new GridError(option, value, 'a positive number of bytes');
  return value;
}

/** Half of the machine's memory (or of the cgroup limit, when lower). */
export function defaultMemoryLimit(): number {
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const total = constrained && constrained > 0 && constrained < totalmem() ? constrained : totalmem();
  return Math.floor(total / 2);
}
