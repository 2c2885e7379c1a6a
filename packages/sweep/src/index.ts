export {
  SweepError,
  GridError,
  GridTooLargeError,
  ConfigMismatchError,
  IncompleteError,
  DuplicateCellsError,
  JobAbortedError,
  SweepAbortedError,
  MergeAbortedError,
  FolderWriteError,
  CellError,
  RowsFileError,
  CellsFileError,
  formatBytes,
} from './errors.js';
export {
  parseDepths,
  parseSeeds,
  parseArchs,
  checkPlainDepth,
  parseFormats,
  checkArchs,
  checkFormats,
  MAX_SEED,
} from './grid.js';
export {
  parseShard,
  shardFromEnv,
  SHARD_INDEX_VARIABLES,
  ZERO_BASED_INDEX_VARIABLES,
  type Shard,
} from './shard.js';
export {
  resolveSweepOptions,
  WORK_PER_DEFAULT_THREAD,
  type SweepOptions,
  type ResolvedSweepOptions,
} from './options.js';
export { estimateGridMemory, estimateGridDisk, type MemoryEstimate } from './memory.js';
export { runSweep, type SweepHooks, type SweepResult, type SweepProgress } from './runSweep.js';
export { mergeSweeps, type MergeOptions } from './merge.js';
export { sweepJob, sweepFiles, SWEEP_JOB } from './sweepJob.js';
export { SUMMARY_HEADER, summaryHeader } from './summary.js';
export { csvField, parseCsv } from './csv.js';
export {
  AXES,
  AXIS_NAMES,
  axisOf,
  axisFlag,
  axisAccepts,
  jobAxes,
  DEFAULT_DEPTH_UNIT,
  DEPTH_UNIT_HELP,
  type Axis,
  type AxisDeclaration,
  type AxisJob,
  type AxisName,
  type AxisNumber,
  type AxisValues,
  type SweepAxes,
  type VariantAxes,
} from './axes.js';
export {
  compileAxisExpression,
  resolveAxes,
  variantsOf,
  variantsFor,
  appliesTo,
  type Variant,
} from './variants.js';
export { axisColumns, variantLabel, AXIS_COLUMN_NAMES, type AxisColumn } from './axisColumns.js';
export { axisTable } from './axisTable.js';
export {
  compileExpression,
  splitTopLevel,
  EXPRESSION_SYMBOLS,
  EXPRESSION_FUNCTIONS,
  POSITION_SYMBOLS,
  type ExpressionScope,
  type CompiledExpression,
  type PositionSymbol,
} from './expression.js';
export { parseAxisList, parseAxes, AXIS_TEXT_NAMES } from './parseAxes.js';
export type { GridSpec } from './types.js';
export { runJob } from './job/runJob.js';
export { mergeFolders, type MergeResult, type MergeFoldersOptions } from './job/merge.js';
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
} from './job/job.js';
export {
  SWEEP_FORMAT,
  OUTPUT_FORMATS,
  DEFAULT_OUTPUT_FORMATS,
  CELL_FILES,
  CELLS_JSONL,
  CELLS_PARQUET,
  SUMMARY_CSV,
  CELL_STATS,
  MANIFEST_JSON,
  RESUME_DIR,
  LOCK_FILE,
  STAT_FIELDS,
  FolderBusyError,
  FolderFormatError,
  SWEEP_FOLDER,
  readManifest,
  readFolderManifest,
  verifyFiles,
  configHash,
  type OutputFormat,
  type FolderFormat,
  type FolderIdentity,
  type ManifestBase,
  type Manifest,
  type ManifestFile,
  type ManifestGrid,
  type SweepIdentity,
} from './folder/index.js';
export {
  encodeRowGroup,
  parquetFooter,
  readParquetFooter,
  nonFiniteText,
  PARQUET_MAGIC,
  CELL_COLUMNS,
  type RowGroupInput,
  type RowGroupMeta,
  type ColumnChunkMeta,
  type EncodedRowGroup,
  type PlacedRowGroup,
  type ParquetFileInfo,
} from './parquet/index.js';
export {
  readCells,
  readParquetCells,
  readJsonlCells,
  type CellRow,
  type CellAxisValues,
  type OnCell,
  type ReadCellsOptions,
  type ReadCellsResult,
} from './read/index.js';
export * from './train/index.js';
