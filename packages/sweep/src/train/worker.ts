import { trainRun, type Dataset } from '@resnet/core';
import { crc32 } from 'node:zlib';
import type { OutputFormat } from '../folder/names.js';
import { CONTROL_DONE, CONTROL_STOP, CONTROL_WORK, type UnitResult } from '../job/job.js';
import type { ColumnSpec } from '../parquet/schema.js';
import type { RunOptions } from './plan.js';
import { runLine, runRecord } from './record.js';
import { encodeRun } from './runColumns.js';

// The training worker: one task trains one run (one unit of work) and encodes it in every runs file.

/** One run to train: its coordinates, its options, the data (SharedArrayBuffer-backed: never copied). */
export interface TrainTask {
  arch: 'plain' | 'residual';
  /** Weight layers. */
  depth: number;
  seed: number;
  options: RunOptions;
  /** The run's axis column values (expression texts, the depth unit), by column name; empty without axes. */
  axes: Record<string, string | number | null>;
  train: Dataset;
  test: Dataset | null;
  /** The runs files to write the run to, in order, and runs.parquet's columns. */
  formats: OutputFormat[];
  columns: ColumnSpec[];
  /** Shared control block (the job core's CONTROL_* slots). */
  control: SharedArrayBuffer;
}

/** Thrown from the step callback when the stop flag is set: unwinds trainRun at once. */
class Stop extends Error {}

/**
 * Trains one run and returns its bytes in each runs file of the task. Every optimiser step bumps the
 * shared step counter (and the work counter by the depth); a set stop flag ends the run at its next
 * step, keeping nothing.
 */
export function trainTask(task: TrainTask): UnitResult {
  const control = new Int32Array(task.control);
  if (Atomics.load(control, CONTROL_STOP) !== 0) return { stopped: true };
  try {
    const result = trainRun(
      { ...task.options, arch: task.arch, depth: task.depth, seed: task.seed },
      task.test ? { train: task.train, test: task.test } : { train: task.train },
      () => {
        Atomics.add(control, CONTROL_DONE, 1);
        Atomics.add(control, CONTROL_WORK, task.depth);
        if (Atomics.load(control, CONTROL_STOP) !== 0) throw new Stop();
      },
    );
    const record = runRecord({ arch: task.arch, depth: task.depth, seed: task.seed }, result, task.axes);
    let rowGroup: UnitResult['rowGroup'];
    const parts = task.formats.map((f) => {
      let bytes: Uint8Array;
      if (f === 'parquet') {
        const encoded = encodeRun(task.columns, record);
        bytes = encoded.bytes;
        rowGroup = encoded.meta;
      } else bytes = new Uint8Array(Buffer.from(runLine(record, task.columns)));
      return { bytes, crc32: crc32(bytes) };
    });
    // 1 when a measured final value is NaN or infinite (a missing test set's NaN is not listed).
    const nonFinite = record.nonFinite.split(' ').some((e) => e.startsWith('final')) ? 1 : 0;
    return { parts, ...(rowGroup ? { rowGroup } : {}), nonFinite };
  } catch (e) {
    if (e instanceof Stop) return { stopped: true };
    return { error: { message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } };
  }
}

/** Piscina entry: trains one run. */
export default function trainWorker(task: TrainTask): UnitResult {
  return trainTask(task);
}
