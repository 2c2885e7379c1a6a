import { trainRun } from '@resnet/core';
import { crc32 } from 'node:zlib';
import { runLine } from './record.js';
import { CONTROL_STEPS, CONTROL_STOP, CONTROL_WORK, type RunResult, type RunTask } from './types.js';

/** Thrown from the step callback when the stop flag is set: unwinds trainRun at once. */
class Stop extends Error {}

/**
 * Trains one run and returns its runs.jsonl line. Every optimiser step bumps the shared step counter
 * (and the work counter by the depth); a set stop flag ends the run at its next step, keeping nothing.
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
    const { text, nonFinite } = runLine({ k: -1, arch: task.arch, depth: task.depth, seed: task.seed }, result);
    const bytes = new Uint8Array(Buffer.from(text));
    return { bytes, crc32: crc32(bytes), nonFinite };
  } catch (e) {
    if (e instanceof Stop) return { stopped: true };
    return { error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Piscina entry: trains one run. */
export default function trainWorker(task: RunTask): RunResult {
  return trainTask(task);
}
