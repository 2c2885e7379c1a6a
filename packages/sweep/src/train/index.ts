// Training sweeps (issue 11): grids of training runs on the sweep's pool and folder machinery.
// Also the package's './train' subpath export.
export { TRAIN_FORMAT, RUNS_JSONL, RUNS_PARQUET, RUN_FILES, TRAIN_FILES } from './names.js';
export { TrainAbortedError, RunError, RunsFileError } from './errors.js';
export {
  resolveTrainSweepOptions,
  DEFAULT_TRAIN_GRID,
  DEFAULT_TRAIN_FORMATS,
  type TrainSweepOptions,
  type ResolvedTrainSweepOptions,
  type TrainSweepData,
} from './options.js';
export { createTrainPlan, runAt, stepsPerRun, type TrainPlan, type RunCoords } from './plan.js';
export { runTrainSweep, type TrainSweepHooks, type TrainSweepResult } from './runTrainSweep.js';
export { mergeTrainFolders } from './merge.js';
export { readTrainManifest } from './folder.js';
export { parseRuns, runLine, runRecord, runDiverged, RUN_LISTS, RUN_FINALS, type RunRecord } from './record.js';
export { readRuns, decodeRuns, runsParquetInfo, type RunsRead } from './readRuns.js';
export { runColumns, folderRunColumns, optionColumns, encodeRun, RUN_FIXED_COLUMNS } from './runColumns.js';
export {
  summarizeRuns,
  trainSummaryCsv,
  spread,
  TRAIN_SUMMARY_HEADER,
  type TrainSummaryRow,
  type SpreadStats,
} from './summary.js';
export {
  trainConfigHash,
  dataInfo,
  type TrainManifest,
  type TrainIdentity,
  type TrainGrid,
  type TrainDataInfo,
} from './identity.js';
export type { TrainProgress } from './progress.js';
export type { RunOptions } from './types.js';
