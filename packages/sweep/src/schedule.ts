import type { Piscina } from 'piscina';
import { STAT_FIELDS } from './folder/names.js';
import type { CommitBlock, ResumeState } from './folder/resume.js';
import { blockCells, cellCoordinates, type GridLayout } from './layout.js';
import { CONTROL_STOP, type BlockResult, type BlockTask, type GridSpec } from './types.js';
import type { CellFormat } from './folder/names.js';

/** Why the block phase stopped early, if it did. */
export type RunFailure =
  | { kind: 'aborted' }
  | { kind: 'cell'; cell: { arch: string; depth: number; seed: number } | null; message: string }
  | { kind: 'io'; message: string };

/** Inputs of runBlocks. */
export interface BlockRunContext {
  pool: Piscina;
  layout: GridLayout;
  grid: GridSpec;
  formats: CellFormat[];
  /** Per cell summary values, written by workers. */
  stats: SharedArrayBuffer;
  control: SharedArrayBuffer;
  state: ResumeState;
  /** Most tasks queued at once (a queue depth, not a memory bound). */
  maxTasks: number;
  /** Estimated output bytes per cell (sizes the window). */
  bytesPerCell: number;
  /** Bytes of output the window of dispatched-but-unwritten blocks may hold (the reorder buffer). */
  bufferBytes: number;
  signal?: AbortSignal;
}

/**
 * Runs every block after the committed ones. Blocks are dispatched in order while the window of
 * dispatched-but-unwritten blocks stays within `bufferBytes` (the next block to write is always
 * dispatched); finished blocks wait in the window until every earlier block is written, then are
 * committed in order in batches (one write, fsync and journal append per batch, off the main thread).
 * Blocks committed before a failure or an abort stay. Returns the first failure, or null.
 */
export function runBlocks(ctx: BlockRunContext): Promise<RunFailure | null> {
  const { layout: l, state } = ctx;
  const control = new Int32Array(ctx.control);
  const held = new Map<number, BlockResult>();
  let nextDispatch = l.firstBlock + state.entries.length;
  let nextWrite = nextDispatch;
  let windowBytes = 0;
  let running = 0;
  let committing = false;
  let failure: RunFailure | null = null;
  const estimate = (b: number) => {
    const [s, e] = blockCells(l, b);
    return (e - s) * ctx.bytesPerCell;
  };
  const stop = (why: RunFailure) => {
    failure ??= why;
    Atomics.store(control, CONTROL_STOP, 1);
  };
  return new Promise((resolve) => {
    const onAbort = () => {
      stop({ kind: 'aborted' });
      pump();
    };
    const pump = (): void => {
      while (
        failure === null &&
        nextDispatch < l.lastBlock &&
        running < ctx.maxTasks &&
        (nextDispatch === nextWrite || windowBytes + estimate(nextDispatch) <= ctx.bufferBytes)
      ) {
        dispatch(nextDispatch++);
      }
      if (!committing && failure?.kind !== 'io' && held.has(nextWrite)) commit();
      if (running === 0 && !committing && (failure !== null || nextWrite === l.lastBlock)) {
        ctx.signal?.removeEventListener('abort', onAbort);
        resolve(failure);
      }
    };
    const dispatch = (b: number): void => {
      running++;
      windowBytes += estimate(b);
      const task: BlockTask = {
        grid: ctx.grid,
        block: b,
        formats: ctx.formats,
        stats: ctx.stats,
        control: ctx.control,
      };
      (ctx.pool.run(task) as Promise<BlockResult>)
        .then(
          (r) => {
            if (r.error) stop({ kind: 'cell', cell: cellCoordinates(l, r.error.k), message: r.error.message });
            else if (!r.stopped) held.set(b, r);
          },
          (e: unknown) =>
            stop({
              kind: 'cell',
              cell: null,
              message: `its worker failed while running cells ${blockCells(l, b).join('..')}: ${e instanceof Error ? e.message : String(e)}`,
            }),
        )
        .finally(() => {
          running--;
          pump();
        });
    };
    const commit = (): void => {
      const batch: CommitBlock[] = [];
      for (let b = nextWrite; held.has(b); b++) batch.push(commitBlock(ctx, b, held.get(b)!));
      committing = true;
      ctx.state
        .commit(batch)
        .then(
          () => {
            for (const c of batch) {
              held.delete(c.block);
              windowBytes -= estimate(c.block);
            }
            nextWrite += batch.length;
          },
          (e: unknown) => stop({ kind: 'io', message: e instanceof Error ? e.message : String(e) }),
        )
        .finally(() => {
          committing = false;
          pump();
        });
    };
    if (ctx.signal?.aborted) stop({ kind: 'aborted' });
    ctx.signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}

/** A finished block as the resume state commits it: its bytes per format, then its summary values' bytes. */
function commitBlock(ctx: BlockRunContext, b: number, r: BlockResult): CommitBlock {
  const [start, end] = blockCells(ctx.layout, b);
  const statsBytes = Buffer.from(
    new Uint8Array(ctx.stats, (start - ctx.layout.firstCell) * STAT_FIELDS * 8, (end - start) * STAT_FIELDS * 8),
  );
  const rowGroup = r.outputs!.find((o) => o.rowGroup !== undefined)?.rowGroup;
  return {
    block: b,
    cells: end - start,
    nonFinite: r.nonFinite!,
    parts: [
      ...r.outputs!.map((o) => ({ bytes: o.bytes, crc32: o.crc32 })),
      { bytes: statsBytes, crc32: r.statsCrc32! },
    ],
    ...(rowGroup === undefined ? {} : { rowGroup }),
  };
}
