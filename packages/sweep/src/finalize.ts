import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { STAT_FIELDS, TASK_HEADER_BYTES, recordByteOffset, taskBufferBytes, taskText } from './layout.js';
import { TASKS_PER_THREAD } from './memory.js';
import { SummaryBuilder } from './summary.js';
import type { FormatResult, FormatTask, PassContext } from './types.js';

/** Inputs of the final pass. */
export interface FinalizeContext extends PassContext {
  out: string;
}

/**
 * Writes cells.jsonl and summary.csv from the complete staging file in one streaming pass: workers
 * format consecutive record ranges into JSON lines, the main thread writes them in canonical order
 * and feeds the summary. Both files appear by rename only when whole. Returns the non-finite count,
 * or null if the signal fired (nothing final is written then).
 */
export async function writeResults(ctx: FinalizeContext): Promise<{ nonFinite: number } | null> {
  const { layout } = ctx;
  const jsonPath = join(ctx.out, 'cells.jsonl');
  const csvPath = join(ctx.out, 'summary.csv');
  const fd = openSync(`${jsonPath}.tmp`, 'w');
  const summary = new SummaryBuilder(layout);
  const buffers: SharedArrayBuffer[] = [];
  const bufferBytes = taskBufferBytes(layout, ctx.chunkSize);
  const pending: Array<Promise<{ result: FormatResult; buffer: SharedArrayBuffer }>> = [];
  let next = 0;
  const dispatch = () => {
    const start = next;
    const count = Math.min(ctx.chunkSize, layout.cellCount - start);
    next += count;
    const buffer = buffers.pop() ?? new SharedArrayBuffer(bufferBytes);
    ctx.staging.read(start, count, new Uint8Array(buffer, TASK_HEADER_BYTES, recordByteOffset(layout, start + count) - recordByteOffset(layout, start)));
    const task: FormatTask = { kind: 'format', grid: ctx.grid, start, count, buffer };
    pending.push(ctx.pool.run(task).then((result: FormatResult) => ({ result, buffer })));
  };
  try {
    while (next < layout.cellCount || pending.length) {
      while (next < layout.cellCount && pending.length < ctx.threads * TASKS_PER_THREAD) dispatch();
      const { result, buffer } = await pending.shift()!;
      writeBytes(fd, taskText(layout, buffer).subarray(result.start, result.end));
      buffers.push(buffer);
      for (let at = 0; at < result.stats.length; at += STAT_FIELDS) summary.add(result.stats, at);
      if (ctx.signal?.aborted) break;
    }
  } finally {
    closeSync(fd);
    await Promise.allSettled(pending);
  }
  if (ctx.signal?.aborted) {
    rmSync(`${jsonPath}.tmp`, { force: true });
    return null;
  }
  const csv = summary.finish();
  const csvFd = openSync(`${csvPath}.tmp`, 'w');
  writeText(csvFd, csv);
  closeSync(csvFd);
  renameSync(`${jsonPath}.tmp`, jsonPath);
  renameSync(`${csvPath}.tmp`, csvPath);
  return { nonFinite: summary.totalNonFinite };
}

/** Writes all of bytes at the file's current position. */
function writeBytes(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Writes all of text (UTF-8) at the file's current position. */
function writeText(fd: number, text: string): void {
  writeBytes(fd, Buffer.from(text));
}
