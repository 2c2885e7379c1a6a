import { join, resolve } from 'node:path';
import {
  RUN_FILES,
  RunsFileError,
  identityPlan,
  readRuns,
  readTrainManifest,
  summarizeRuns,
  trainFolderProblems,
  type RunRecord,
  type TrainManifest,
  type TrainPlan,
  type TrainSummaryRow,
} from '@resnet/sweep/train';
import { MANIFEST_JSON, SUMMARY_CSV } from '@resnet/sweep/folder';
import { ReportError } from '../errors.js';

/** A training folder as the report reads it: manifest, runs (canonical order) and the summary over seeds. */
export interface TrainData {
  dir: string;
  manifest: TrainManifest;
  runs: RunRecord[];
  summary: TrainSummaryRow[];
  /** The folder's plan (its grid's groups: arch, variant, depth), from the manifest. */
  plan: TrainPlan;
  /** Data files beside the report: the runs files (runs.parquet, runs.jsonl) and summary.csv. */
  files: Record<string, string>;
}

/** Reads a training folder (`resnet-train/2`); a folder without a manifest is refused with a ReportError. */
export async function loadTrain(dir: string): Promise<TrainData> {
  const abs = resolve(dir);
  const manifest = readTrainManifest(abs);
  if (!manifest)
    throw new ReportError(
      `${abs} has no manifest.json: it is not a finished training folder. Run resnet train --out ${dir} first.`,
    );
  // Only what the manifest vouches for is drawn: its counts, every file's size and crc32 (the runs file's on the
  // bytes readRuns reads, once), the runs file of its own formats.
  const format = manifest.formats?.includes('parquet') ? 'parquet' : 'jsonl';
  const check = { streamed: [RUN_FILES[format]], crcOf: [SUMMARY_CSV] };
  const problems = readable(abs, () => trainFolderProblems(abs, manifest, check));
  if (problems.length)
    throw new ReportError(
      `${abs} does not hold what its ${MANIFEST_JSON} says: ${problems.join('; ')}. Rerun its train command (it checks the folder and recomputes what is damaged), then report.`,
      join(abs, MANIFEST_JSON),
    );
  const { runs, file } = asReportError(() => readRuns(abs, format, manifest.files));
  if (runs.length === 0) throw new ReportError(`${file} holds no runs.`);
  const plan = identityPlan(manifest);
  return {
    dir: abs,
    manifest,
    runs,
    plan,
    summary: summarizeRuns(plan, runs),
    files: Object.fromEntries(Object.keys(manifest.files).map((name) => [name, join(abs, name)])),
  };
}

/** `read()`, its faults on a malformed manifest (a field of the wrong type) as a ReportError naming the manifest. */
function readable<T>(dir: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e; // a typed error of @resnet/sweep says what is wrong itself
    const file = join(dir, MANIFEST_JSON);
    throw new ReportError(
      `${file} is not a training manifest this version can read (${(e as Error).message}); rerun its train command into a new folder.`,
      file,
    );
  }
}

/** readRuns' RunsFileError as a ReportError naming the file, as the sweep report's cells errors are. */
function asReportError<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof RunsFileError) throw new ReportError(e.message, e.file);
    throw e;
  }
}
