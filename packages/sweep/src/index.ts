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
export { parseDepths, parseSeeds, parseArchs, MAX_SEED } from './grid.js';
export { parseShard, shardFromEnv, type Shard } from './shard.js';
export { resolveSweepOptions, type SweepOptions, type ResolvedSweepOptions } from './options.js';
export { estimateGridMemory, estimateGridDisk, type MemoryEstimate } from './memory.js';
export { runSweep, type SweepHooks, type SweepResult } from './runSweep.js';
export { mergeSweeps, type MergeOptions } from './merge.js';
export { SWEEP_FORMAT, configHash, type Manifest, type ManifestGrid } from './manifest.js';
export { SUMMARY_HEADER } from './summary.js';
export type { SweepProgress, GridSpec } from './types.js';
export { FolderBusyError, LOCK_FILE } from './folderLock.js';
export { encodeRowGroup, parquetFooter, readParquetFooter, nonFiniteText, PARQUET_MAGIC, CELL_COLUMNS, type RowGroupInput, type RowGroupMeta, type ColumnChunkMeta, type EncodedRowGroup, type PlacedRowGroup, type ParquetFileInfo } from './parquet/index.js';
export { readCells, readParquetCells, readJsonlCells, CellsFileError, type CellRow, type OnCell, type ReadCellsOptions, type ReadCellsResult } from './read/index.js';
