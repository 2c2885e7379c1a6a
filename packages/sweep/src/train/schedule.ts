import type { Piscina } from 'piscina';
import type { CommitBlock, ResumeState } from '../folder/resume.js';
import type { TrainPlan } from './plan.js';
import { CONTROL_STOP, type RunResult, type RunTask } from './types.js';

/** Why the run phase stopped early, if it did. */
export type TrainFailure =
  | { kind: 'aborted' }
  | { kind: 'run'; k: number; message: string }
  | { kind: 'io'; message: string };

/** Inputs of runPending. */
export interface RunContext {
  pool: Piscina;
  plan: TrainPlan;
  /** Canonical indices of the runs to train, in dispatch order (deepest first). */
  pending: readonly number[];
  /** The task of canonical run k. */
  task: (k: number) => RunTask;
  control: SharedArrayBuffer;
  state: ResumeState;
  /** Runs in flight at once (the thread count). */
  maxTasks: number;
  /** Called after each commit with the runs on disk. */
  onCommitted: (runs: number) => void;
  signal?: AbortSignal;
}

/**
 * Trains the pending runs, `maxTasks` at a time in the given order, and commits each finished run to
 * the resume state at once (a batch of whatever finished meanwhile): the journal's blocks are in
 * finishing order, each entry's `meta.run` naming its run, so a stop loses only the runs in flight.
 * Returns the first failure, or null.
 */
export function runPending(ctx: RunContext): Promise<TrainFailure | null> {
  const control = new Int32Array(ctx.control);
  const finished: Array<{ k: number; r: RunResult }> = [];
  let next = 0;
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
      while (failure === null && next < ctx.pending.length && running < ctx.maxTasks) dispatch(ctx.pending[next++]!);
      if (!committing && failure?.kind !== 'io' && finished.length > 0) commit();
      if (
        running === 0 &&
        !committing &&
        (failure !== null || (next === ctx.pending.length && finished.length === 0))
      ) {
        ctx.signal?.removeEventListener('abort', onAbort);
        resolve(failure);
      }
    };
    const dispatch = (k: number): void => {
      running++;
      (ctx.pool.run(ctx.task(k)) as Promise<RunResult>)
        .then(
          (r) => {
            if (r.error) stop({ kind: 'run', k, message: r.error });
            else if (!r.stopped) finished.push({ k, r });
          },
          (e: unknown) =>
            stop({ kind: 'run', k, message: `its worker failed: ${e instanceof Error ? e.message : String(e)}` }),
        )
        .finally(() => {
          running--;
          pump();
        });
    };
    const commit = (): void => {
      const first = ctx.plan.firstRun + ctx.state.entries.length;
      const batch: CommitBlock[] = finished.splice(0).map(({ k, r }, i) => ({
        block: first + i,
        cells: 1,
        nonFinite: r.nonFinite!,
        parts: r.parts!,
        ...(r.rowGroup ? { rowGroup: r.rowGroup } : {}),
        meta: { run: k },
      }));
      committing = true;
      ctx.state
        .commit(batch)
        .then(
          () => ctx.onCommitted(ctx.state.entries.length),
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

/** The canonical run a journal entry holds (its `meta.run`), or null when the entry names none in range. */
export function entryRun(plan: TrainPlan, meta: unknown): number | null {
  const k = (meta as { run?: unknown } | null)?.run;
  return typeof k === 'number' && Number.isInteger(k) && k >= plan.firstRun && k < plan.lastRun ? k : null;
}
