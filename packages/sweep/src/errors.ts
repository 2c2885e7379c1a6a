import type { ErrorKind } from '@resnet/core';

/** Base class of every error @resnet/sweep throws; `kind` says what sort of fault it is (a run-time failure unless a subclass says otherwise). */
export class SweepError extends Error {
  override name = 'SweepError';
  readonly kind: ErrorKind = 'failure';
}

/** A grid option is malformed or out of range; names the CLI flag, what was given and what is accepted. */
export class GridError extends SweepError {
  override name = 'GridError';
  override readonly kind: ErrorKind = 'usage';
  constructor(
    /** The CLI flag, e.g. `--depths`. */
    readonly option: string,
    /** The value that was given. */
    readonly received: unknown,
    /** What is accepted, in words. */
    readonly expected: string,
    hint?: string,
  ) {
    super(`${option}: got ${show(received)}; expected ${expected}.${hint ? ` ${hint}` : ''}`);
  }
}

/** The grid would need more memory (or disk) than allowed; carries the estimate. */
export class GridTooLargeError extends SweepError {
  override name = 'GridTooLargeError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    /** `memory` or `disk`. */
    readonly resource: 'memory' | 'disk',
    /** Estimated bytes the sweep needs. */
    readonly estimate: number,
    /** Bytes available. */
    readonly limit: number,
    detail: string,
  ) {
    super(
      `The grid is too large: it needs an estimated ${formatBytes(estimate)} of ${resource}, but only ${formatBytes(limit)} ` +
        `${resource === 'memory' ? 'is allowed' : 'is free'} (${detail}). ` +
        (resource === 'memory'
          ? 'Use fewer or smaller --depths, a smaller --width, fewer --threads, or split the grid over machines with --shard i/n.'
          : 'Free some disk, choose an --out on a larger disk, or split the grid over machines with --shard i/n.'),
    );
  }
}

/** An output folder holds a sweep of another configuration; lists every difference. */
export class ConfigMismatchError extends SweepError {
  override name = 'ConfigMismatchError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly folder: string,
    /** One line per differing field: `field: folder has A, requested B`. */
    readonly differences: readonly string[],
    what = 'requested',
    advice = "Choose a new --out folder, or rerun with the folder's own options to resume it.",
  ) {
    super(
      `${folder} holds a sweep with a different configuration than the one ${what}; sweeps are never mixed.\n` +
        differences.map((d) => `  ${d}`).join('\n') +
        `\n${advice}`,
    );
  }
}

/** A sweep folder is unfinished or lacks cells (merge inputs must be complete and cover the grid exactly once). */
export class IncompleteError extends SweepError {
  override name = 'IncompleteError';
  override readonly kind: ErrorKind = 'state';
}

/** Merge inputs hold some cell more than once (the same shard given twice, or overlapping shards). */
export class DuplicateCellsError extends SweepError {
  override name = 'DuplicateCellsError';
  override readonly kind: ErrorKind = 'state';
}

/** The AbortSignal fired: workers were stopped, finished cells are on disk, rerunning resumes. */
export class SweepAbortedError extends SweepError {
  override name = 'SweepAbortedError';
  override readonly kind: ErrorKind = 'interrupted';
  constructor(
    readonly out: string,
    /** Cells on disk when the sweep stopped. */
    readonly saved: number,
    readonly total: number,
  ) {
    super(`Sweep stopped: ${saved} of ${total} cells are saved in ${out}. Rerun the same command to resume.`);
  }
}

/** A cell threw in a worker (or its worker died); carries the cell's coordinates and the cause. */
export class CellError extends SweepError {
  override name = 'CellError';
  override readonly kind: ErrorKind = 'failure';
  constructor(
    readonly cell: { arch: string; depth: number; seed: number; variant?: string } | null,
    readonly reason: string,
    readonly out: string,
    readonly saved: number,
  ) {
    super(
      `${cell ? `Cell arch=${cell.arch}${cell.variant ? ` (${cell.variant})` : ''} depth=${cell.depth} seed=${cell.seed} failed` : 'A worker died'}: ${reason}\n` +
        `${saved} finished cells are saved in ${out}; fix the cause and rerun the same command to resume.`,
    );
  }
}

/** Renders a value for an error message: strings quoted, others as written. */
/** Given text longer than this is shortened in messages (its head, an ellipsis and its length). */
const SHOWN_TEXT = 80;

function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= SHOWN_TEXT) return JSON.stringify(value);
    return `${JSON.stringify(`${value.slice(0, SHOWN_TEXT - 20)}…`)} (${value.length} characters)`;
  }
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** 1536 -> "1.5 KB": binary units, one decimal. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}
