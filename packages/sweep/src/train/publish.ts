import { join } from 'node:path';
import { SweepError } from '../errors.js';
import { writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import { manifestText } from '../folder/manifest.js';
import { MANIFEST_JSON, SUMMARY_CSV } from '../folder/names.js';
import type { ResumeState } from '../folder/resume.js';
import { buildTrainManifest, type TrainIdentity, type TrainManifest } from './identity.js';
import { RUNS_JSONL } from './names.js';
import type { ResolvedTrainSweepOptions } from './options.js';
import type { TrainPlan } from './plan.js';
import { parseRuns, type RunRecord } from './record.js';
import { entryRun } from './schedule.js';
import { summarizeRuns, trainSummaryCsv, type TrainSummaryRow } from './summary.js';

/**
 * Publishes a finished training folder from its (closed) resume state: runs.jsonl with the journal's
 * runs in canonical order, summary.csv, then manifest.json last (each written atomically). The caller
 * removes .resume/ afterwards; a kill before that leaves a state the rerun publishes again.
 */
export function publishTrain(
  o: ResolvedTrainSweepOptions,
  id: TrainIdentity,
  plan: TrainPlan,
  state: ResumeState,
  steps: number,
  run: Record<string, unknown>,
): { manifest: TrainManifest; runs: RunRecord[]; summary: TrainSummaryRow[] } {
  const text = Buffer.concat(canonicalLines(plan, state));
  const runs = parseRuns(text.toString('utf8'));
  const summary = summarizeRuns(o.archs, o.depths, runs);
  const csv = Buffer.from(trainSummaryCsv(summary));
  writeAtomic(join(o.out, RUNS_JSONL), text);
  writeAtomic(join(o.out, SUMMARY_CSV), csv);
  const manifest = buildTrainManifest(id, {
    runCount: plan.lastRun - plan.firstRun,
    blocks: { count: plan.runCount, first: plan.firstRun, last: plan.lastRun },
    steps,
    nonFinite: summary.reduce((a, r) => a + r.nonFinite, 0),
    files: { [RUNS_JSONL]: { bytes: text.length, crc32: crcHex(crc(text)) }, [SUMMARY_CSV]: { bytes: csv.length, crc32: crcHex(crc(csv)) } },
    command: o.command,
    run,
  });
  writeAtomic(join(o.out, MANIFEST_JSON), manifestText(manifest as never));
  return { manifest, runs, summary };
}

/** The committed runs' lines (finishing order in the part file) in canonical order. */
function canonicalLines(plan: TrainPlan, state: ResumeState): Buffer[] {
  const end = state.entries.length ? state.entries[state.entries.length - 1]!.files[RUNS_JSONL]!.end : 0;
  const part = Buffer.alloc(end);
  state.readPart(RUNS_JSONL, part);
  const byRun = new Map<number, Buffer>();
  let start = 0;
  for (const e of state.entries) {
    const stop = e.files[RUNS_JSONL]!.end;
    const k = entryRun(plan, e.meta);
    if (k === null || byRun.has(k))
      throw new SweepError(`${state.dir}: journal entry ${e.block} names no run of this folder, or one given twice; delete .resume/ to start over.`);
    byRun.set(k, part.subarray(start, stop));
    start = stop;
  }
  return [...byRun.keys()].sort((a, b) => a - b).map((k) => byRun.get(k)!);
}
