import { kDefaultTrainOptions, resolveTrainOptions, type TrainArch } from '@resnet/core';
import { axisColumns } from '../axisColumns.js';
import { RunError, TrainAbortedError } from '../errors.js';
import { RUN_FILES, SUMMARY_CSV, TRAIN_FORMAT, type OutputFormat } from '../folder/names.js';
import { folderVersions } from '../folder/versions.js';
import type { GridJob, JobFiles, JobKind, JobPart, JobSummary } from '../job/job.js';
import { PARQUET_MAGIC } from '../parquet/schema.js';
import type { ResolvedTrainSweepOptions } from './options.js';
import { createTrainPlan, groupOf, runAt, stepsPerRun, type TrainPlan } from './plan.js';
import { decodeRuns, runsSchemaColumns } from './readRuns.js';
import { parseRuns, type RunRecord } from './record.js';
import { runColumns } from './runColumns.js';
import { summarizeRuns, trainSummaryCsv, type TrainSummaryRow } from './summary.js';
import {
  TRAIN_FOLDER,
  dataInfo,
  trainConfigHash,
  type TrainGrid,
  type TrainIdentity,
  type TrainManifest,
} from './trainFolder.js';
import { trainDiskBytes } from './trainMemory.js';
import type { TrainTask } from './worker.js';

// Training as a grid job: one run is one unit of work, dispatched deepest first and committed as it
// finishes; a worker (worker.ts) trains it and encodes it in every runs file.

/** The summary a training folder keeps: summary.csv's rows, and the runs they come from. */
export interface TrainSummary extends JobSummary {
  runs: RunRecord[];
  rows: TrainSummaryRow[];
}

/** The runs of a finished runs file (`name`: runs.parquet or runs.jsonl) from its bytes. */
function runsOf(name: string, bytes: Buffer): RunRecord[] {
  return name === RUN_FILES.parquet ? decodeRuns(bytes, name) : parseRuns(bytes.toString('utf8'));
}

/** The files and units of a training folder of this plan and formats (what reading and merging need). */
export function trainFiles(
  plan: TrainPlan,
  formats: readonly OutputFormat[],
  axes?: TrainGrid['axes'],
): JobFiles<TrainSummary> {
  const parts: JobPart[] = formats.map((f) => ({
    name: RUN_FILES[f],
    header: f === 'parquet' ? PARQUET_MAGIC : new Uint8Array(0),
    parquet: f === 'parquet',
  }));
  return {
    units: {
      count: plan.runCount,
      first: plan.firstRun,
      last: plan.lastRun,
      start: (u) => u,
      commit: 'asFinished',
      order: plan.order,
      tasksPerThread: 1,
    },
    parts,
    summarize: (read) => {
      const runs = runsOf(parts[0]!.name, read(parts[0]!.name));
      const rows = summarizeRuns(plan, runs);
      return {
        files: { [SUMMARY_CSV]: Buffer.from(trainSummaryCsv(rows, axes)) },
        fields: { steps: runs.reduce((a, r) => a + r.steps, 0), nonFinite: rows.reduce((a, r) => a + r.nonFinite, 0) },
        runs,
        rows,
      };
    },
    parquetColumns: runsSchemaColumns,
    describeRow: (k) => {
      const r = runAt(plan, k);
      return `arch=${r.arch}${r.variant ? ` (${r.variant})` : ''} depth=${r.depth} seed=${r.seed} (run k=${k})`;
    },
  };
}

/** The identity of a training sweep, with the installed package versions. */
export function trainIdentity(o: ResolvedTrainSweepOptions): TrainIdentity {
  const grid: TrainGrid = {
    archs: [...o.archs],
    depths: [...o.depths],
    seeds: { ...o.seeds },
    ...(o.axes ? { axes: o.axes } : {}),
  };
  const options = { ...o.train } as Record<string, unknown>;
  const data = dataInfo(o.data.name, o.data.train, o.data.test);
  return {
    format: TRAIN_FORMAT,
    grid,
    options,
    data,
    configHash: trainConfigHash(grid, options, data),
    shard: o.shard,
    formats: [...o.formats],
    versions: folderVersions(),
  };
}

/** Training runs of resolved options as a grid job. */
export function trainJob(o: ResolvedTrainSweepOptions): GridJob<TrainIdentity, TrainManifest, TrainSummary> {
  const { plan } = o;
  const files = trainFiles(plan, o.formats, o.axes);
  const { batchSize = kDefaultTrainOptions.batchSize, epochs = kDefaultTrainOptions.epochs } = o.train;
  const perRun = stepsPerRun(o.data.train.count, batchSize, epochs);
  const first = plan.groups[0]!;
  const {
    arch: _a,
    depth: _d,
    seed: _s,
    ...resolved
  } = resolveTrainOptions({
    ...first.options,
    arch: first.arch,
    depth: first.layers,
    seed: o.seeds.start,
  });
  const axisCols = axisColumns(o.axes, 'runs');
  const columns = runColumns(resolved, axisCols);
  return {
    ...files,
    folder: TRAIN_FOLDER,
    identity: trainIdentity(o),
    out: o.out,
    threads: o.threads,
    command: o.command,
    worker: o.workerFilename,
    columns,
    task: (k, control): TrainTask => {
      const run = runAt(plan, k);
      const g = groupOf(plan, k);
      return {
        arch: run.arch as TrainArch,
        depth: run.depth,
        seed: run.seed,
        options: g.options,
        axes: Object.fromEntries(axisCols.map((c) => [c.name, g.values[c.name] ?? null])),
        train: o.data.train,
        test: o.data.test,
        formats: o.formats,
        columns,
        control,
      };
    },
    progress: {
      amount: () => perRun,
      work: (k) => groupOf(plan, k).layers * perRun,
      fields: (runsDone, runs) => ({ runsDone, runs }),
    },
    diskBytes: () => trainDiskBytes(plan.lastRun - plan.firstRun, epochs, o.formats),
    failed: (f, saved) =>
      new RunError(runAt(plan, f.unit), f.died ? `its worker failed: ${f.message}` : f.message, o.out, saved),
    aborted: (saved, total) => new TrainAbortedError(o.out, saved, total),
  };
}

/** The plan of a training identity (as a manifest records it). */
export function identityPlan(id: TrainIdentity): TrainPlan {
  const { archs, depths, seeds, axes } = id.grid;
  return createTrainPlan(archs as TrainArch[], depths, seeds, id.shard, axes, id.options);
}

/** Training as a job kind: its folder format, and a folder's files and units from its identity (merge, reading back). */
export const TRAIN_JOB: JobKind<TrainIdentity, TrainManifest, TrainSummary> = {
  folder: TRAIN_FOLDER,
  files: (id) => trainFiles(identityPlan(id), id.formats, id.grid.axes),
};
