/** Format tag of a sweep folder (manifest.json `format`; docs/sweep-format.md). */
export const SWEEP_FORMAT = 'resnet-sweep/2';

/** Output formats of the cells: Apache Parquet (default) and JSON Lines. */
export const CELL_FORMATS = ['parquet', 'jsonl'] as const;
/** One output format of the cells. */
export type CellFormat = (typeof CELL_FORMATS)[number];

/** File name of the cells in each format. */
export const CELL_FILES: Readonly<Record<CellFormat, string>> = { parquet: 'cells.parquet', jsonl: 'cells.jsonl' };
/** The cells as JSON Lines (with --format jsonl). */
export const CELLS_JSONL = 'cells.jsonl';
/** The cells as Apache Parquet (the default). */
export const CELLS_PARQUET = 'cells.parquet';
/** One row per (arch, depth) of summary statistics. */
export const SUMMARY_CSV = 'summary.csv';
/** Per cell the values summary.csv is built from (5 little-endian float64), so merge need not parse the cells. */
export const CELL_STATS = 'cellstats.f64';
/** The folder's identity, file sizes and checksums; written last. */
export const MANIFEST_JSON = 'manifest.json';
/** Folder of the resume state while a sweep is unfinished. */
export const RESUME_DIR = '.resume';
/** Lock file while a sweep writes the folder. */
export const LOCK_FILE = '.lock';
/** Resume state files (inside RESUME_DIR): the sweep's identity, */
export const RESUME_CONFIG = 'config.json';
/** the journal of committed blocks, */
export const RESUME_JOURNAL = 'journal.jsonl';
/** and the suffix of the partial output files (`cells.jsonl.part`, `cellstats.f64.part`, ...). */
export const PART_SUFFIX = '.part';

/** Per-cell summary values in CELL_STATS and in the stats buffer: ratio, gradNorms[0], gradNorms[last], actNorms[last], non-finite flag. */
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
