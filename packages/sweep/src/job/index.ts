// The grid-job core: the job interface, running and merging any job's folder.
export {
  CONTROL_DONE,
  CONTROL_STOP,
  CONTROL_WORK,
  CONTROL_BYTES,
  type GridJob,
  type JobFiles,
  type JobKind,
  type JobPart,
  type JobSummary,
  type JobHooks,
  type JobProgress,
  type JobRun,
  type UnitPlan,
  type UnitResult,
  type UnitFailure,
  type ProgressPlan,
} from './job.js';
export { runJob } from './runJob.js';
export { mergeFolders, type MergeResult } from './merge.js';
