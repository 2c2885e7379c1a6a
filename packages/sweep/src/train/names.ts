// The training folder's format in one place (docs/sweep-format.md, "Training folders").

/** Format tag of a training folder (manifest.json `format`). */
export const TRAIN_FORMAT = 'resnet-train/1';
/** One JSON line per training run, in canonical order. */
export const RUNS_JSONL = 'runs.jsonl';
/** The published files of a training folder (manifest.json aside), in the manifest's order. */
export const TRAIN_FILES = [RUNS_JSONL, 'summary.csv'] as const;
