import type { Arch } from '@resnet/core';
import { axisColumns } from './axisColumns.js';
import { CellError, SweepAbortedError } from './errors.js';
import { CELL_FILES, CELL_STATS, type OutputFormat } from './folder/names.js';
import type { GridJob, JobFiles, JobKind, JobPart } from './job/job.js';
import { cellCoordinates, createLayout, folderWork, unitCells, type GridLayout } from './layout.js';
import { bytesPerCell, estimateGridDisk } from './memory.js';
import type { ResolvedSweepOptions } from './options.js';
import { PARQUET_MAGIC, cellColumns } from './parquet/schema.js';
import { summarizeCells } from './summary.js';
import { SWEEP_FOLDER, sweepIdentity, type Manifest, type SweepIdentity } from './sweepFolder.js';
import type { GridSpec, SweepTask } from './types.js';

// The gradient sweep as a grid job: units are contiguous ranges of cells (units.ts), committed in order;
// a worker (worker.ts) computes a unit's cells and encodes them in every format, then their summary values.

/** How long a stopped sweep waits for its units in flight (committed when they finish) before ending their workers. */
export const SWEEP_STOP_GRACE_MS = 5000;

/** The parts of a sweep folder: the cells in each format, then cellstats.f64. */
function sweepParts(formats: readonly OutputFormat[]): JobPart[] {
  return [
    ...formats.map((f) => ({
      name: CELL_FILES[f],
      header: f === 'parquet' ? PARQUET_MAGIC : new Uint8Array(0),
      parquet: f === 'parquet',
    })),
    { name: CELL_STATS, header: new Uint8Array(0), parquet: false },
  ];
}

/** A cell for messages: `arch=plain depth=5 seed=2 (cell k=8)`, with its variant in a grid with axes. */
export function cellName(l: GridLayout, k: number): string {
  const c = cellCoordinates(l, k);
  return `arch=${c.arch}${c.variant ? ` (${c.variant})` : ''} depth=${c.depth} seed=${c.seed} (cell k=${k})`;
}

/** The files and units of a sweep folder of this layout and formats (what reading and merging need). */
export function sweepFiles(l: GridLayout, formats: readonly OutputFormat[], bufferBytes = Infinity): JobFiles {
  const cells = (u: number) => {
    const [s, e] = unitCells(l, u);
    return e - s;
  };
  return {
    units: {
      count: l.cut.count,
      first: l.firstUnit,
      last: l.lastUnit,
      start: (u) => unitCells(l, u)[0],
      commit: 'ordered',
      tasksPerThread: 2,
      // A unit (at most 1,024 cells) is short and finishing it keeps its cells: wait for it after a stop.
      stopGraceMs: SWEEP_STOP_GRACE_MS,
      bytes: (u) => cells(u) * bytesPerCell(l, formats),
      windowBytes: bufferBytes,
    },
    parts: sweepParts(formats),
    summarize: (read) => summarizeCells(l, read),
    describeRow: (k) => cellName(l, k),
  };
}

/** The gradient sweep of resolved options as a grid job. */
export function sweepJob(o: ResolvedSweepOptions): GridJob<SweepIdentity, Manifest> {
  const l = o.layout;
  const files = sweepFiles(l, o.formats, o.bufferBytes);
  const cells = (u: number) => files.units.start(u + 1) - files.units.start(u);
  return {
    ...files,
    folder: SWEEP_FOLDER,
    identity: sweepIdentity(o.grid, o.formats),
    out: o.out,
    threads: o.threads,
    command: o.command,
    worker: o.workerFilename,
    inline: o.inline && folderWork(l) <= INLINE_WORK,
    columns: cellColumns(axisColumns(o.grid.axes, 'cells')),
    task: (unit, control): SweepTask => ({ grid: o.grid, unit, formats: o.formats, control }),
    progress: { amount: cells },
    diskBytes: () => estimateGridDisk(l, o.formats),
    failed: (f, saved) =>
      f.died
        ? new CellError(
            null,
            `its worker failed while running cells ${unitCells(l, f.unit).join('..')}: ${f.message}`,
            o.out,
            saved,
          )
        : new CellError(f.row === null ? null : cellCoordinates(l, f.row), f.message, o.out, saved),
    aborted: (saved, total) => new SweepAbortedError(o.out, saved, total),
  };
}

/** Work of a folder that runs on the calling thread at most, in normals drawn (~ weights): a few ms of cells. */
const INLINE_WORK = 4e6;

/** The grid of a sweep identity (as a manifest records it), as workers and layouts take it. */
export function identityGrid(id: SweepIdentity): GridSpec {
  const { archs, depths, seeds, width, inputSize, axes } = id.grid;
  return { archs: archs as Arch[], depths, seeds, width, inputSize, shard: id.shard, ...(axes ? { axes } : {}) };
}

/** The sweep as a job kind: its folder format, and a folder's files and units from its identity (merge). */
export const SWEEP_JOB: JobKind<SweepIdentity, Manifest> = {
  folder: SWEEP_FOLDER,
  files: (id) => sweepFiles(createLayout(identityGrid(id)), id.formats),
};
