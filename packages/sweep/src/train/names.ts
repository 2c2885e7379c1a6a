// The training folder's format in one place (docs/sweep-format.md, "Training folders").
import type { CellFormat } from '../folder/names.js';

/** Format tag of a training folder (manifest.json `format`). */
export const TRAIN_FORMAT = 'resnet-train/1';
/** One JSON line per training run, in canonical order (with --format jsonl). */
export const RUNS_JSONL = 'runs.jsonl';
/** One Parquet row per training run, one row group per run, in canonical order (the default). */
export const RUNS_PARQUET = 'runs.parquet';
/** File name of the runs in each format (`formats` of runTrainSweep, `--format` of resnet train). */
export const RUN_FILES: Readonly<Record<CellFormat, string>> = { parquet: RUNS_PARQUET, jsonl: RUNS_JSONL };
/** Every file a training folder may publish (manifest.json aside). */
export const TRAIN_FILES = [RUNS_PARQUET, RUNS_JSONL, 'summary.csv'] as const;
