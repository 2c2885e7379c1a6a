import { chunks, finishedRuns, type Chunk } from './chunks.js';
import { CONTROL_STOP, TASK_HEADER_BYTES, recordByteOffset, taskBufferBytes, taskCounter, type GridLayout } from './layout.js';
import { TASKS_PER_THREAD } from './memory.js';
import type { Staging } from './staging.js';
import type { ComputeResult, ComputeTask, PassContext } from './types.js';

/** Why the compute phase stopped early, if it did. */
export type ComputeFailure =
  | { kind: 'aborted' }
  | { kind: 'cell'; cell: { arch: string; depth: number; seed: number } | null; message: string }
  | { kind: 'io'; message: string };

/** Inputs of the compute phase. */
export interface ComputeContext extends PassContext {
  /** Shared control block (progress counter, stop flag). */
  control: SharedArrayBuffer;
}

/**
 * Runs every missing cell on the pool, a bounded number of chunks in flight, and writes each chunk's
 * finished records to the staging file as soon as its task settles (also when it failed or was
 * stopped: the cells it finished are kept). Returns the first failure, or null when all cells are done.
 */
export async function computeCells(ctx: ComputeContext): Promise<ComputeFailure | null> {
  const { layout, staging } = ctx;
  const control = new Int32Array(ctx.control);
  const buffers: SharedArrayBuffer[] = [];
  const bufferBytes = taskBufferBytes(layout, ctx.chunkSize);
  let failure: ComputeFailure | null = null;
  const stop = (why: ComputeFailure) => {
    failure ??= why;
    Atomics.store(control, CONTROL_STOP, 1);
  };
  const onAbort = () => stop({ kind: 'aborted' });
  if (ctx.signal?.aborted) onAbort();
  ctx.signal?.addEventListener('abort', onAbort, { once: true });

  const run = async (chunk: Chunk): Promise<void> => {
    const buffer = buffers.pop() ?? new SharedArrayBuffer(bufferBytes);
    Atomics.store(taskCounter(buffer), 0, 0);
    const task: ComputeTask = { kind: 'compute', grid: ctx.grid, cells: chunk.cells, buffer, control: ctx.control };
    let finished: number;
    try {
      const result = (await ctx.pool.run(task)) as ComputeResult;
      finished = result.done;
      if (result.error) stop({ kind: 'cell', cell: coordinates(layout, result.error.group, result.error.seed), message: result.error.message });
    } catch (e) {
      // The worker died mid-task: its counter still says which cells it finished.
      finished = Atomics.load(taskCounter(buffer), 0);
      const g = chunk.cells[3 * finished];
      const cell = g === undefined ? null : coordinates(layout, g, chunk.cells[3 * finished + 1]!);
      stop({ kind: 'cell', cell, message: `its worker failed: ${e instanceof Error ? e.message : String(e)}` });
    }
    try {
      flush(staging, layout, chunk, finished, buffer);
    } catch (e) {
      stop({ kind: 'io', message: e instanceof Error ? e.message : String(e) });
    }
    buffers.push(buffer);
  };

  try {
    // A fixed number of lanes, each running chunks one after another, keeps the pool's queue short.
    const source = chunks(layout, staging.done, ctx.chunkSize);
    const lane = async () => {
      for (let next = source.next(); !next.done && failure === null; next = source.next()) await run(next.value);
    };
    await Promise.all(Array.from({ length: ctx.threads * TASKS_PER_THREAD }, lane));
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
  }
  return failure;
}

/** Writes the first `finished` cells of a chunk (execution order) from its buffer to the staging file. */
function flush(staging: Staging, layout: GridLayout, chunk: Chunk, finished: number, buffer: SharedArrayBuffer): void {
  for (const [start, count, offset] of finishedRuns(chunk, finished)) {
    const bytes = recordByteOffset(layout, start + count) - recordByteOffset(layout, start);
    staging.write(start, count, new Uint8Array(buffer, TASK_HEADER_BYTES + offset * 8, bytes));
  }
}

function coordinates(l: GridLayout, g: number, seed: number): { arch: string; depth: number; seed: number } {
  return { arch: l.groupArch[g]!, depth: l.groupDepth[g]!, seed };
}
