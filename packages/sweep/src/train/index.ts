// Training sweeps (issue 11): grids of training runs on the sweep's pool and folder machinery.
// Also the package's './train' subpath export.
export { TRAIN_FORMAT, RUNS_JSONL, TRAIN_FILES } from './names.js';
export { TrainAbortedError, RunError } from './errors.js';
export { resolveTrainSweepOptions, DEFAULT_TRAIN_GRID, type TrainSweepOptions, type ResolvedTrainSweepOptions, type TrainSweepData } from './options.js';
export { createTrainPlan, runAt, stepsPerRun, type TrainPlan, type RunCoords } from './plan.js';
export { runTrainSweep, type TrainSweepHooks, type TrainSweepResult } from './runTrainSweep.js';
export { mergeTrainFolders } from './merge.js';
export { readTrainManifest } from './folder.js';
export { parseRuns, runLine, type RunRecord } from './record.js';
export { summarizeRuns, trainSummaryCsv, spread, TRAIN_SUMMARY_HEADER, type TrainSummaryRow, type SpreadStats } from './summary.js';
export { trainConfigHash, dataInfo, type TrainManifest, type TrainIdentity, type TrainGrid, type TrainDataInfo } from './identity.js';
export type { TrainProgress } from './progress.js';
export type { RunOptions } from './types.js';
