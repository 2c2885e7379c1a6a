import type { CommitUnit, ResumeState } from '../folder/resume.js';
import type { UnitPool } from './pool.js';
import { CONTROL_STOP, type GridJob, type UnitFailure, type UnitResult } from './job.js';

/** Why the units stopped short, if they did. */
export type RunStop = { kind: 'aborted' } | { kind: 'unit'; failure: UnitFailure } | { kind: 'io'; error: unknown };

/** Inputs of runUnits. */
export interface UnitRunContext {
  pool: UnitPool;
  job: Pick<GridJob, 'units' | 'task'>;
  /** The units to run, in dispatch order. */
  pending: readonly number[];
  control: SharedArrayBuffer;
  state: ResumeState;
  /** Most tasks queued at once. */
  maxTasks: number;
  /** Called after each commit with the units on disk. */
  onCommitted?: (units: number) => void;
  signal?: AbortSignal;
}

/**
 * How long units in flight get after an abort before the run stops waiting for them and returns (the caller
 * then terminates their workers): a unit in one long step (a training run at width 4,000) never looks at
 * the stop flag for many seconds. A job's units may set their own (`UnitPlan.stopGraceMs`).
 */
export const STOP_GRACE_MS = 500;

/**
 * Runs the pending units on the pool and commits them to the resume state, one write, fsync and
 * journal append per batch, off the main thread. Ordered commits (`units.commit`): units are dispatched
 * in order while the window of dispatched-but-uncommitted units fits `windowBytes` (the next unit to
 * commit is always dispatched); a unit that finishes early waits until every earlier one is committed.
 * As-finished commits: each unit is committed with whatever finished meanwhile, its entry naming the
 * unit (`meta.unit`). Units committed before a failure or an abort stay. Returns why it stopped, or null.
 */
export function runUnits(ctx: UnitRunContext): Promise<RunStop | null> {
  const plan = ctx.job.units;
  const ordered = plan.commit === 'ordered';
  const control = new Int32Array(ctx.control);
  const held = new Map<number, UnitResult>();
  const estimate = (u: number) => plan.bytes?.(u) ?? 0;
  const rows = (u: number) => plan.start(u + 1) - plan.start(u);
  let next = 0;
  let nextCommit = plan.first + ctx.state.entries.length; // ordered: the next unit to commit
  let windowBytes = 0;
  let running = 0;
  let committing = false;
  let failure: RunStop | null = null;
  // Set once the grace after an abort is over: units still in flight are given up (their workers are then
  // terminated; nothing of them was committed, so a rerun computes them again, the same bytes).
  let abandoned = false;
  let settled = false;
  const stop = (why: RunStop) => {
    failure ??= why;
    Atomics.store(control, CONTROL_STOP, 1);
  };
  const ready = () => (ordered ? held.has(nextCommit) : held.size > 0);
  return new Promise((resolve) => {
    const onAbort = () => {
      stop({ kind: 'aborted' });
      const grace = setTimeout(() => {
        abandoned = true;
        pump();
      }, plan.stopGraceMs ?? STOP_GRACE_MS);
      grace.unref();
      pump();
    };
    const pump = (): void => {
      if (settled) return; // given up: a unit's late result is not committed
      while (failure === null && next < ctx.pending.length && running < ctx.maxTasks) {
        const u = ctx.pending[next]!;
        if (ordered && u !== nextCommit && windowBytes + estimate(u) > (plan.windowBytes ?? Infinity)) break;
        next++;
        dispatch(u);
      }
      if (!committing && failure?.kind !== 'io' && ready()) commit();
      const idle = running === 0 || (abandoned && failure?.kind === 'aborted');
      if (idle && !committing && (failure !== null || (next === ctx.pending.length && held.size === 0))) {
        settled = true;
        ctx.signal?.removeEventListener('abort', onAbort);
        resolve(failure);
      }
    };
    const dispatch = (u: number): void => {
      running++;
      windowBytes += estimate(u);
      (ctx.pool.run(ctx.job.task(u, ctx.control)) as Promise<UnitResult>)
        .then(
          (r) => {
            if (r.error) {
              const failed = { unit: u, row: r.error.row ?? null, message: r.error.message, died: false };
              stop({ kind: 'unit', failure: failed });
            } else if (!r.stopped) held.set(u, r);
          },
          (e: unknown) => {
            const message = e instanceof Error ? e.message : String(e);
            stop({ kind: 'unit', failure: { unit: u, row: null, message, died: true } });
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    };
    const commit = (): void => {
      const units = ordered ? consecutive(held, nextCommit) : [...held.keys()];
      const first = plan.first + ctx.state.entries.length;
      const batch: CommitUnit[] = units.map((u, i) => {
        const r = held.get(u)!;
        return {
          block: ordered ? u : first + i,
          cells: rows(u),
          nonFinite: r.nonFinite ?? 0,
          parts: r.parts!,
          ...(r.rowGroup === undefined ? {} : { rowGroup: r.rowGroup }),
          ...(ordered ? {} : { meta: { unit: u } }),
        };
      });
      for (const u of units) held.delete(u);
      committing = true;
      ctx.state
        .commit(batch)
        .then(
          () => {
            for (const u of units) windowBytes -= estimate(u);
            if (ordered) nextCommit += units.length;
            ctx.onCommitted?.(ctx.state.entries.length);
          },
          (e: unknown) => stop({ kind: 'io', error: e }),
        )
        .finally(() => {
          committing = false;
          pump();
        });
    };
    if (ctx.signal?.aborted) stop({ kind: 'aborted' });
    else ctx.signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}

/** The held units from `from` on that follow one another. */
function consecutive(held: ReadonlyMap<number, unknown>, from: number): number[] {
  const out: number[] = [];
  for (let u = from; held.has(u); u++) out.push(u);
  return out;
}

/** The unit a journal entry of an as-finished job holds (`meta.unit`; `meta.run` in states of earlier versions), or null. */
export function entryUnit(meta: unknown): number | null {
  const m = meta as { unit?: unknown; run?: unknown } | null;
  const u = m?.unit ?? m?.run;
  return typeof u === 'number' && Number.isInteger(u) ? u : null;
}
