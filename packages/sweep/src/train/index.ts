// Training as a plug-in of the grid-job core: grids of training runs on the job core's pool and folder
// module. Also the package's './train' subpath export.
export { TRAIN_FORMAT, RUNS_JSONL, RUNS_PARQUET, RUN_FILES } from '../folder/names.js';
export { TrainAbortedError, RunError, RunsFileError } from '../errors.js';
export {
  resolveTrainSweepOptions,
  resolveTrainGrid,
  DEFAULT_TRAIN_GRID,
  type ResolvedTrainGrid,
  type TrainSweepOptions,
  type ResolvedTrainSweepOptions,
  type TrainSweepData,
} from './options.js';
export {
  createTrainPlan,
  runAt,
  groupOf,
  stepsPerRun,
  trainLayers,
  TRAIN_DEPTH_UNIT,
  type RunOptions,
  type TrainPlan,
  type TrainGroup,
  type RunCoords,
} from './plan.js';
export {
  runTrainSweep,
  mergeTrainFolders,
  type TrainSweepHooks,
  type TrainSweepResult,
  type TrainProgress,
} from './runTrainSweep.js';
export { trainJob, trainFiles, identityPlan, TRAIN_JOB, type TrainSummary } from './trainJob.js';
export { parseRuns, runLine, runRecord, runDiverged, RUN_LISTS, RUN_FINALS, type RunRecord } from './record.js';
export { readRuns, decodeRuns, runsParquetInfo, type RunsRead } from './readRuns.js';
export { trainFolderProblems } from './trainFolderProblems.js';
export { runColumns, optionColumns, runAxisColumns, encodeRun, RUN_FIXED_COLUMNS } from './runColumns.js';
export {
  summarizeRuns,
  trainSummaryCsv,
  spread,
  TRAIN_SUMMARY_HEADER,
  type TrainSummaryRow,
  type SpreadStats,
} from './summary.js';
export {
  TRAIN_FOLDER,
  readTrainManifest,
  trainConfigHash,
  trainDifferences,
  dataInfo,
  type TrainManifest,
  type TrainIdentity,
  type TrainGrid,
  type TrainDataInfo,
} from './trainFolder.js';
export type { TrainTask } from './worker.js';
