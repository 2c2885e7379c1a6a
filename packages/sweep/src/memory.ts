import { seedsPerChunk } from './chunks.js';
import { formatBytes } from './errors.js';
import { taskBufferBytes, type GridLayout } from './layout.js';

/** Estimated peak memory of a sweep, by part, in bytes. */
export interface MemoryEstimate {
  total: number;
  /** Each worker: V8 baseline, its chunk's seed streams, the networks it caches (one per group). */
  perWorker: number;
  /** Main thread: V8 baseline, done map, task buffers in flight, JSON text in flight, one summary group. */
  main: number;
  /** The estimate in words, for error messages. */
  detail: string;
}

/** Baseline RSS of a V8 isolate with @resnet/core loaded (measured ~30-40 MB; rounded up). */
const ISOLATE_BYTES = 48 * 2 ** 20;
/** Bytes of cells.jsonl text per metric value (measured ~21). */
export const JSON_BYTES_PER_VALUE = 24;
/** Tasks the scheduler keeps in flight per thread. */
export const TASKS_PER_THREAD = 2;

/** Estimates the memory of a sweep from its layout, threads and chunk size (no allocation). */
export function estimateGridMemory(o: { layout: GridLayout; threads: number; chunkSize: number }): MemoryEstimate {
  const l = o.layout;
  const workers = Math.min(o.threads, Math.max(1, Math.ceil(l.cellCount / o.chunkSize)));
  let networks = 0;
  // A cached network holds weights, weight gradients and a workspace: about 3 doubles per weight.
  for (let g = 0; g < l.groupCount; g++) networks += 3 * 8 * l.normals[g]!;
  const streams = 2 * seedsPerChunk(l) * 8 * l.maxNormals; // a chunk's seed streams, plus spares
  const perWorker = ISOLATE_BYTES + streams + networks;
  const inFlight = workers * TASKS_PER_THREAD;
  const taskBytes = taskBufferBytes(l, o.chunkSize);
  const textBytes = o.chunkSize * l.maxRecordLength * JSON_BYTES_PER_VALUE * 2; // worker's string + main's copy
  let largestGroup = 0;
  for (let g = 0; g < l.groupCount; g++) largestGroup = Math.max(largestGroup, l.firstLocal[g + 1]! - l.firstLocal[g]!);
  const main = ISOLATE_BYTES + l.cellCount + inFlight * (taskBytes + textBytes) + largestGroup * 5 * 8 * 2;
  const total = main + workers * perWorker;
  const detail =
    `${l.cellCount} cells; main thread ${formatBytes(main)} (done map ${formatBytes(l.cellCount)}, ${inFlight} tasks of ` +
    `${o.chunkSize} cells in flight), ${workers} worker(s) x ${formatBytes(perWorker)} (seed streams ${formatBytes(streams)}, ` +
    `networks ${formatBytes(networks)})`;
  return { total, perWorker, main, detail };
}

/** Estimated disk use of a sweep folder at its peak: the staging records plus cells.jsonl. */
export function estimateGridDisk(l: GridLayout): number {
  const stagingBytes = l.byteBase[l.groupCount]!;
  return stagingBytes + (stagingBytes / 8) * JSON_BYTES_PER_VALUE + l.cellCount * 100;
}
