// Every name a job folder holds, in one place (docs/sweep-format.md): format tags, file names, the
// output formats and the per-cell summary values. Code everywhere else imports them from here.

/** Format tag of a sweep folder (manifest.json `format`). */
export const SWEEP_FORMAT = 'resnet-sweep/2';
/** Format tags of earlier sweep folders (refused: "made by an older version"). */
export const OLDER_SWEEP_FORMATS: readonly string[] = ['resnet-sweep/1'];
/** Format tag of a training folder (manifest.json `format`). */
export const TRAIN_FORMAT = 'resnet-train/2';
/** Format tags of earlier training folders (refused: "made by an older version"; /1 had no gradient norms). */
export const OLDER_TRAIN_FORMATS: readonly string[] = ['resnet-train/1'];

/** Output formats of a job's rows (cells, runs): Apache Parquet (default) and JSON Lines. */
export const OUTPUT_FORMATS = ['parquet', 'jsonl'] as const;
/** One output format. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
/** Formats written when none are given. */
export const DEFAULT_OUTPUT_FORMATS: readonly OutputFormat[] = ['parquet'];

/** The cells as Apache Parquet (the default). */
export const CELLS_PARQUET = 'cells.parquet';
/** The cells as JSON Lines (with --format jsonl). */
export const CELLS_JSONL = 'cells.jsonl';
/** File name of the cells in each format. */
export const CELL_FILES: Readonly<Record<OutputFormat, string>> = { parquet: CELLS_PARQUET, jsonl: CELLS_JSONL };
/** Per cell the values summary.csv is built from (STAT_FIELDS little-endian float64), so merge need not parse the cells. */
export const CELL_STATS = 'cellstats.f64';

/** One Parquet row per training run, one row group per run, in canonical order (the default). */
export const RUNS_PARQUET = 'runs.parquet';
/** One JSON line per training run, in canonical order (with --format jsonl). */
export const RUNS_JSONL = 'runs.jsonl';
/** File name of the runs in each format. */
export const RUN_FILES: Readonly<Record<OutputFormat, string>> = { parquet: RUNS_PARQUET, jsonl: RUNS_JSONL };

/** One row per group of summary statistics over seeds (both jobs). */
export const SUMMARY_CSV = 'summary.csv';
/** The folder's identity, file sizes and checksums; written last. */
export const MANIFEST_JSON = 'manifest.json';
/** Folder of the resume state while a job is unfinished. */
export const RESUME_DIR = '.resume';
/** Lock file while a job writes the folder. */
export const LOCK_FILE = '.lock';
/** Resume state files (inside RESUME_DIR): the job's identity, */
export const RESUME_CONFIG = 'config.json';
/** the journal of committed units, */
export const RESUME_JOURNAL = 'journal.jsonl';
/** the suffix of the partial output files (`cells.jsonl.part`, `cellstats.f64.part`, ...), */
export const PART_SUFFIX = '.part';
/** and of a part file rewritten in canonical order before it is published (units committed as they finish). */
export const ORDERED_SUFFIX = '.ordered';

/** Per-cell summary values in CELL_STATS: ratio, gradNorms[0], gradNorms[last], actNorms[last], non-finite flag. */
export const STAT_FIELDS = 5;
/** Slot of the ratio, */
export const STAT_RATIO = 0;
/** of gradNorms[0], */
export const STAT_FIRST_GRAD = 1;
/** of gradNorms[last], */
export const STAT_LAST_GRAD = 2;
/** of actNorms[last], */
export const STAT_LAST_ACT = 3;
/** and 1 when any metric of the cell is NaN or infinite (else 0). */
export const STAT_NONFINITE = 4;
