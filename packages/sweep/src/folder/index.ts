// The folder module (docs/sweep-format.md): names, formats, manifest, resume state, atomic writes, lock,
// verification, for any job; the two jobs' folder formats; what report and CLI read folders with.
// Also the package's './folder' subpath export.
export {
  SWEEP_FORMAT,
  OLDER_SWEEP_FORMATS,
  TRAIN_FORMAT,
  OLDER_TRAIN_FORMATS,
  OUTPUT_FORMATS,
  DEFAULT_OUTPUT_FORMATS,
  CELL_FILES,
  CELLS_JSONL,
  CELLS_PARQUET,
  CELL_STATS,
  RUN_FILES,
  RUNS_JSONL,
  RUNS_PARQUET,
  SUMMARY_CSV,
  MANIFEST_JSON,
  RESUME_DIR,
  LOCK_FILE,
  STAT_FIELDS,
  STAT_RATIO,
  STAT_FIRST_GRAD,
  STAT_LAST_GRAD,
  STAT_LAST_ACT,
  STAT_NONFINITE,
  type OutputFormat,
} from './names.js';
export {
  formatFiles,
  type FolderFormat,
  type FolderIdentity,
  type FolderWords,
  type ManifestBase,
  type ManifestFile,
} from './format.js';
export { readFolderManifest, checkFormat, readJson, manifestText, FolderFormatError } from './manifest.js';
export { verifyFiles } from './verify.js';
export { FolderBusyError, lockFolder } from './lock.js';
export { writeAtomic } from './atomic.js';
export { crc, crcHex, fileCrc } from './checksum.js';
export { packageVersion, packageVersions } from './versions.js';
export {
  SWEEP_FOLDER,
  readManifest,
  configHash,
  describeDepths,
  type Manifest,
  type ManifestGrid,
  type SweepIdentity,
} from '../sweepFolder.js';
export { summaryHeader, SUMMARY_HEADER } from '../summary.js';
export { csvField, parseCsv } from '../csv.js';
export { axisColumns, variantLabel, AXIS_COLUMN_NAMES, type AxisColumn } from '../axisColumns.js';
export { AXES, AXIS_NAMES, type SweepAxes } from '../axes.js';
export { TRAIN_FOLDER, readTrainManifest, type TrainManifest, type TrainIdentity } from '../train/trainFolder.js';
