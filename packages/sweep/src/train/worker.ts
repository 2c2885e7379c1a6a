import { trainRun } from '@resnet/core';
import { crc32 } from 'node:zlib';
import type { RowGroupMeta } from '../parquet/encodeRowGroup.js';
import { runLine, runRecord } from './record.js';
import { encodeRun } from './runColumns.js';
import { CONTROL_STEPS, CONTROL_STOP, CONTROL_WORK, type RunResult, type RunTask } from './types.js';

/** Thrown from the step callback when the stop flag is set: unwinds trainRun at once. */
class Stop extends Error {}

/**
 * Trains one run and returns its bytes in each runs file of the task. Every optimiser step bumps the
 * shared step counter (and the work counter by the depth); a set stop flag ends the run at its next step, keeping nothing.
 */
export function trainTask(task: RunTask): RunResult {
  const control = new Int32Array(task.control);
  if (Atomics.load(control, CONTROL_STOP) !== 0) return { stopped: true };
  try {
    const result = trainRun(
      { ...task.options, arch: task.arch, depth: task.depth, seed: task.seed },
      task.test ? { train: task.train, test: task.test } : { train: task.train },
      () => {
        Atomics.add(control, CONTROL_STEPS, 1);
        Atomics.add(control, CONTROL_WORK, task.depth);
        if (Atomics.load(control, CONTROL_STOP) !== 0) throw new Stop();
      },
    );
    const record = runRecord({ arch: task.arch, depth: task.depth, seed: task.seed }, result);
    let rowGroup: RowGroupMeta | undefined;
    const parts = task.formats.map((f) => {
      let bytes: Uint8Array;
      if (f === 'parquet') {
        const encoded = encodeRun(task.columns, record);
        bytes = encoded.bytes;
        rowGroup = encoded.meta;
      } else bytes = new Uint8Array(Buffer.from(runLine(record)));
      return { bytes, crc32: crc32(bytes) };
    });
    // 1 when a measured final value is NaN or infinite (a missing test set's NaN is not listed).
    const nonFinite = record.nonFinite.split(' ').some((e) => e.startsWith('final')) ? 1 : 0;
    return { parts, ...(rowGroup ? { rowGroup } : {}), nonFinite };
  } catch (e) {
    if (e instanceof Stop) return { stopped: true };
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Piscina entry: trains one run. */
export default function trainWorker(task: RunTask): RunResult {
  return trainTask(task);
}
