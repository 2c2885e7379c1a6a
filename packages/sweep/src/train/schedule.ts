import type { Piscina } from 'piscina';
import type { CommitBlock, ResumeState } from '../folder/resume.js';
import { runAt, type TrainPlan } from './plan.js';
import { CONTROL_STOP, type RunResult, type RunTask } from './types.js';

/** Why the run phase stopped early, if it did. */
export type TrainFailure = { kind: 'aborted' } | { kind: 'run'; k: number; message: string } | { kind: 'io'; message: string };

/** Inputs of runSlots. */
export interface SlotRunContext {
  pool: Piscina;
  plan: TrainPlan;
  /** The task of slot s. */
  task: (slot: number) => RunTask;
  control: SharedArrayBuffer;
  state: ResumeState;
  /** Runs in flight at once (the thread count). */
  maxTasks: number;
  /** Called after each commit with the runs on disk. */
  onCommitted: (runs: number) => void;
  signal?: AbortSignal;
}

/**
 * Runs every slot after the committed ones, dispatching in slot order (deepest first) and committing
 * finished runs to the resume state strictly in slot order (a run that finishes before an earlier
 * slot waits in memory). Returns the first failure, or null.
 */
export function runSlots(ctx: SlotRunContext): Promise<TrainFailure | null> {
  const { plan, state } = ctx;
  const control = new Int32Array(ctx.control);
  const held = new Map<number, RunResult>();
  let nextDispatch = plan.firstRun + state.entries.length;
  let nextWrite = nextDispatch;
  let running = 0;
  let committing = false;
  let failure: TrainFailure | null = null;
  const stop = (why: TrainFailure) => {
    failure ??= why;
    Atomics.store(control, CONTROL_STOP, 1);
  };
  return new Promise((resolve) => {
    const onAbort = () => {
      stop({ kind: 'aborted' });
      pump();
    };
    const pump = (): void => {
      while (failure === null && nextDispatch < plan.lastRun && running < ctx.maxTasks) dispatch(nextDispatch++);
      if (!committing && failure?.kind !== 'io' && held.has(nextWrite)) commit();
      if (running === 0 && !committing && (failure !== null || nextWrite === plan.lastRun)) {
        ctx.signal?.removeEventListener('abort', onAbort);
        resolve(failure);
      }
    };
    const dispatch = (slot: number): void => {
      running++;
      const k = plan.slots[slot - plan.firstRun]!;
      (ctx.pool.run(ctx.task(slot)) as Promise<RunResult>)
        .then(
          (r) => {
            if (r.error) stop({ kind: 'run', k, message: r.error });
            else if (!r.stopped) held.set(slot, r);
          },
          (e: unknown) => stop({ kind: 'run', k, message: `its worker failed: ${e instanceof Error ? e.message : String(e)}` }),
        )
        .finally(() => {
          running--;
          pump();
        });
    };
    const commit = (): void => {
      const batch: CommitBlock[] = [];
      for (let s = nextWrite; held.has(s); s++) {
        const r = held.get(s)!;
        batch.push({ block: s, cells: 1, nonFinite: r.nonFinite!, parts: [{ bytes: r.bytes!, crc32: r.crc32! }] });
      }
      committing = true;
      state
        .commit(batch)
        .then(
          () => {
            for (const c of batch) held.delete(c.block);
            nextWrite += batch.length;
            ctx.onCommitted(state.entries.length);
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

/** The coordinates of the run in slot `slot`. */
export function slotRun(plan: TrainPlan, slot: number) {
  return runAt(plan, plan.slots[slot - plan.firstRun]!);
}
