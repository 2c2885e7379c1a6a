// The sweep folder's format in one place (docs/sweep-format.md): names, manifest, resume state,
// atomic writes, lock. Also the package's './folder' subpath export.
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
  STAT_RATIO,
  STAT_FIRST_GRAD,
  STAT_LAST_GRAD,
  STAT_LAST_ACT,
  STAT_NONFINITE,
  type CellFormat,
} from './names.js';
export {
  readManifest,
  checkFormat,
  configHash,
  FolderFormatError,
  type Manifest,
  type ManifestFile,
  type ManifestGrid,
  type SweepIdentity,
} from './manifest.js';
export { verifyFiles } from './verify.js';
export { FolderBusyError, lockFolder } from './lock.js';
export { writeAtomic } from './atomic.js';
export { splitCsvLine, summaryHeader, SUMMARY_HEADER } from '../summary.js';
export { axisColumns, variantLabel, AXIS_COLUMN_NAMES, type AxisColumn } from '../axisColumns.js';
export { AXIS_NAMES, type SweepAxes } from '../axes.js';
