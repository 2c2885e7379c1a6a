import { join, resolve } from 'node:path';
import {
  identityPlan,
  readRuns,
  readTrainManifest,
  summarizeRuns,
  type RunRecord,
  type TrainManifest,
  type TrainPlan,
  type TrainSummaryRow,
} from '@resnet/sweep/train';
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
  const { runs, file } = readRuns(abs);
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
