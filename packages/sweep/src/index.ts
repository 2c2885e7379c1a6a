export {
  SweepError,
  GridError,
  GridTooLargeError,
  ConfigMismatchError,
  IncompleteError,
  DuplicateCellsError,
  SweepAbortedError,
  CellError,
  formatBytes,
} from './errors.js';
export { parseDepths, parseSeeds, parseArchs, parseFormats, MAX_SEED } from './grid.js';
export {
  parseShard,
  shardFromEnv,
  SHARD_INDEX_VARIABLES,
  ZERO_BASED_INDEX_VARIABLES,
  type Shard,
} from './shard.js';
export { resolveSweepOptions, DEFAULT_FORMATS, type SweepOptions, type ResolvedSweepOptions } from './options.js';
export { estimateGridMemory, estimateGridDisk, type MemoryEstimate } from './memory.js';
export { runSweep, type SweepHooks, type SweepResult } from './runSweep.js';
export { mergeSweeps, type MergeOptions } from './merge.js';
export { SUMMARY_HEADER, summaryHeader, splitCsvLine } from './summary.js';
export {
  AXIS_NAMES,
  AXIS_FLAGS,
  NUMERIC_AXES,
  AXIS_POSITION,
  compileAxisExpression,
  resolveAxes,
  variantsOf,
  variantsFor,
  RESIDUAL_ONLY_AXES,
  type AxisName,
  type AxisNumber,
  type SweepAxes,
  type VariantAxes,
  type Variant,
} from './axes.js';
export { axisColumns, variantLabel, AXIS_COLUMN_NAMES, type AxisColumn } from './axisColumns.js';
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
export { parseAxisList, parseAxes } from './parseAxes.js';
export type { SweepProgress } from './progress.js';
export type { GridSpec } from './types.js';
export {
  SWEEP_FORMAT,
  CELL_FORMATS,
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
  readManifest,
  verifyFiles,
  configHash,
  type CellFormat,
  type Manifest,
  type ManifestFile,
  type ManifestGrid,
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
  CellsFileError,
  type CellRow,
  type CellAxisValues,
  type OnCell,
  type ReadCellsOptions,
  type ReadCellsResult,
} from './read/index.js';
export * from './train/index.js';
