import type { ErrorKind } from '@resnet/core';

/** Base class of every error @resnet/sweep throws; `kind` says what sort of fault it is (a run-time failure unless a subclass says otherwise). */
export class SweepError extends Error {
  override name = 'SweepError';
  readonly kind: ErrorKind = 'failure';
}

/** A grid option is malformed or out of range: `option` (the CLI flag, e.g. `--depths`), the value `received`, what is `expected` in words. */
export class GridError extends SweepError {
  override name = 'GridError';
  override readonly kind: ErrorKind = 'usage';
  constructor(
    readonly option: string,
    readonly received: unknown,
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
    /** What to do, naming the flags that size it; default the sweep's advice for the resource. */
    advice?: string,
  ) {
    super(
      `The grid is too large: it needs an estimated ${formatBytes(estimate)} of ${resource}, but only ${formatBytes(limit)} ` +
        `${resource === 'memory' ? 'is allowed' : 'is free'} (${detail}). ` +
        (advice ??
          (resource === 'memory'
            ? 'Use fewer or smaller --depths, a smaller --width, fewer --threads, or split the grid over machines with --shard i/n.'
            : 'Free some disk, choose an --out on a larger disk, or split the grid over machines with --shard i/n.')),
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

/** A folder holds another format (an older version's, another job's, or not one of ours at all), or an entry resnet never makes (a link, a FIFO). */
export class FolderFormatError extends SweepError {
  override name = 'FolderFormatError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
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

/**
 * The AbortSignal fired: workers were stopped, the `saved` rows (cells, runs) of `total` are on disk in
 * `out`, rerunning resumes. `job` and `items` name them in the message (`Sweep`, `cells`).
 */
export class JobAbortedError extends SweepError {
  override name = 'JobAbortedError';
  override readonly kind: ErrorKind = 'interrupted';
  constructor(
    readonly out: string,
    readonly saved: number,
    readonly total: number,
    job = 'Job',
    items = 'rows',
  ) {
    super(`${job} stopped: ${saved} of ${total} ${items} are saved in ${out}. Rerun the same command to resume.`);
  }
}

/** A sweep was stopped (JobAbortedError of `resnet sweep`: cells). */
export class SweepAbortedError extends JobAbortedError {
  override name = 'SweepAbortedError';
  constructor(out: string, saved: number, total: number) {
    super(out, saved, total, 'Sweep', 'cells');
  }
}

/** A training was stopped (JobAbortedError of `resnet train`: runs). */
export class TrainAbortedError extends JobAbortedError {
  override name = 'TrainAbortedError';
  constructor(out: string, saved: number, total: number) {
    super(out, saved, total, 'Training', 'runs');
  }
}

/** A merge was stopped by its signal before anything was published: `out` is as it was, with no temporary file. */
export class MergeAbortedError extends SweepError {
  override name = 'MergeAbortedError';
  override readonly kind: ErrorKind = 'interrupted';
  constructor(
    readonly out: string,
    kind: string,
  ) {
    super(
      `Merge stopped: ${out} is as it was before (no merged file and no temporary file was left); rerun the same command to merge the ${kind} folders.`,
    );
  }
}

/** The errno code of a file-system error (ENOSPC, EIO, EDQUOT, ...), or null for any other error. */
export function fsErrorCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : null;
}

/** `no space left on device (ENOSPC)`: what a file-system error says, without Node's syscall and path. */
export function describeFsError(e: unknown): string {
  const code = fsErrorCode(e);
  const text = (e as Error).message ?? String(e);
  const what = code && text.startsWith(`${code}: `) ? text.slice(code.length + 2).split(',')[0]! : text;
  return code && !what.includes(code) ? `${what} (${code})` : what;
}

/**
 * Writing a job's folder failed in the file system (disk full, an I/O error, a quota, a read-only disk):
 * says what is kept where and the command that resumes. Kind `failure` (exit 1).
 */
export class FolderWriteError extends SweepError {
  override name = 'FolderWriteError';
  override readonly kind: ErrorKind = 'failure';
  constructor(
    readonly out: string,
    /** The errno code, e.g. ENOSPC. */
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

/** What a failed row's message says after its cause: what is saved, and that the same command resumes. */
function savedText(saved: number, items: string, out: string): string {
  return `${saved} finished ${items} are saved in ${out}; fix the cause and rerun the same command to resume.`;
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
        savedText(saved, 'cells', out),
    );
  }
}

/** A training run threw in a worker (or its worker died); carries the run's coordinates and the cause. */
export class RunError extends SweepError {
  override name = 'RunError';
  override readonly kind: ErrorKind = 'failure';
  constructor(
    readonly run: { k: number; arch: string; depth: number; seed: number; variant?: string },
    readonly reason: string,
    readonly out: string,
    readonly saved: number,
  ) {
    super(
      `Run arch=${run.arch}${run.variant ? ` (${run.variant})` : ''} depth=${run.depth} seed=${run.seed} failed: ${reason}\n` +
        savedText(saved, 'runs', out),
    );
  }
}

/** A rows file (cells or runs, Parquet or JSON Lines) is missing, damaged or not as resnet writes it; names the file and the place. */
export class RowsFileError extends SweepError {
  override name = 'RowsFileError';
  /** A damaged or foreign folder: rerun the job (or restore the file). */
  override readonly kind: ErrorKind = 'state';
  constructor(
    /** Path (or name) of the file. */
    readonly file: string,
    /** Where in the file, e.g. `line 12` or `row group 3`, when known. */
    readonly where: string | undefined,
    /** What is wrong. */
    readonly fault: string,
    command = 'sweep',
  ) {
    super(
      `${file}${where ? ` ${where}` : ''}: ${fault}. Files written by \`resnet ${command}\` are described in docs/sweep-format.md; rerun it into a new folder if the file was damaged.`,
    );
  }
}

/** A cells file (cells.parquet or cells.jsonl) is missing, damaged or not as `resnet sweep` writes it. */
export class CellsFileError extends RowsFileError {
  override name = 'CellsFileError';
}

/** A runs file (runs.parquet or runs.jsonl) is missing, damaged or not as `resnet train` writes it. */
export class RunsFileError extends RowsFileError {
  override name = 'RunsFileError';
  constructor(file: string, where: string | undefined, fault: string) {
    super(file, where, fault, 'train');
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
