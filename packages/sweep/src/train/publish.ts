import { join } from 'node:path';
import { SweepError } from '../errors.js';
import { writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import type { JournalEntry } from '../folder/journal.js';
import { manifestText, type ManifestFile } from '../folder/manifest.js';
import { MANIFEST_JSON, SUMMARY_CSV, type CellFormat } from '../folder/names.js';
import type { ResumeState } from '../folder/resume.js';
import type { RowGroupMeta } from '../parquet/encodeRowGroup.js';
import { parquetFooter, type PlacedRowGroup } from '../parquet/parquetFooter.js';
import { PARQUET_MAGIC, type ColumnSpec } from '../parquet/schema.js';
import { buildTrainManifest, type TrainIdentity, type TrainManifest } from './identity.js';
import { RUN_FILES } from './names.js';
import type { ResolvedTrainSweepOptions } from './options.js';
import type { TrainPlan } from './plan.js';
import { decodeRuns } from './readRuns.js';
import { parseRuns, type RunRecord } from './record.js';
import { entryRun } from './schedule.js';
import { summarizeRuns, trainSummaryCsv, type TrainSummaryRow } from './summary.js';

/**
 * Publishes a finished training folder from its (closed) resume state: each runs file with the
 * journal's runs in canonical order (runs.parquet: PAR1, one row group per run, the footer),
 * summary.csv, then manifest.json last (each written atomically). The caller removes .resume/
 * afterwards; a kill before that leaves a state the rerun publishes again.
 */
export function publishTrain(
  o: ResolvedTrainSweepOptions,
  id: TrainIdentity,
  plan: TrainPlan,
  state: ResumeState,
  columns: readonly ColumnSpec[],
  steps: number,
  run: Record<string, unknown>,
): { manifest: TrainManifest; runs: RunRecord[]; summary: TrainSummaryRow[] } {
  const order = canonicalOrder(plan, state, Object.fromEntries(o.formats.map((f) => [RUN_FILES[f], headerBytes(f)])));
  const files = o.formats.map((f) => ({ f, bytes: runsFile(f, state, order, columns) }));
  const first = files[0]!;
  const runs = first.f === 'parquet' ? decodeRuns(first.bytes) : parseRuns(Buffer.from(first.bytes).toString('utf8'));
  const summary = summarizeRuns(o.archs, o.depths, runs);
  const csv = Buffer.from(trainSummaryCsv(summary));
  const listed: Record<string, ManifestFile> = {};
  for (const { f, bytes } of files) {
    writeAtomic(join(o.out, RUN_FILES[f]), bytes);
    listed[RUN_FILES[f]] = { bytes: bytes.length, crc32: crcHex(crc(bytes)) };
  }
  writeAtomic(join(o.out, SUMMARY_CSV), csv);
  listed[SUMMARY_CSV] = { bytes: csv.length, crc32: crcHex(crc(csv)) };
  const manifest = buildTrainManifest(id, {
    runCount: plan.lastRun - plan.firstRun,
    blocks: { count: plan.runCount, first: plan.firstRun, last: plan.lastRun },
    steps,
    nonFinite: summary.reduce((a, r) => a + r.nonFinite, 0),
    files: listed,
    command: o.command,
    run,
  });
  writeAtomic(join(o.out, MANIFEST_JSON), manifestText(manifest as never));
  return { manifest, runs, summary };
}

/** The journal's entries (finishing order) sorted by the run each holds, with where each one's bytes start in every part. */
interface Placed {
  entry: JournalEntry;
  /** Per part file name: where the entry's bytes start in the part file (they end at its journal `end`). */
  start: Record<string, number>;
}

function canonicalOrder(plan: TrainPlan, state: ResumeState, headers: Readonly<Record<string, number>>): Placed[] {
  const byRun = new Map<number, Placed>();
  const at: Record<string, number> = {};
  for (const e of state.entries) {
    const k = entryRun(plan, e.meta);
    if (k === null || byRun.has(k))
      throw new SweepError(
        `${state.dir}: journal entry ${e.block} names no run of this folder, or one given twice; delete .resume/ to start over.`,
      );
    const start: Record<string, number> = {};
    for (const [name, file] of Object.entries(e.files)) {
      start[name] = at[name] ?? headers[name] ?? 0;
      at[name] = file.end;
    }
    byRun.set(k, { entry: e, start });
  }
  return [...byRun.keys()].sort((a, b) => a - b).map((k) => byRun.get(k)!);
}

/** A runs file's bytes: the committed runs' bytes in canonical order (runs.parquet framed by PAR1 and its footer). */
function runsFile(
  format: CellFormat,
  state: ResumeState,
  order: readonly Placed[],
  columns: readonly ColumnSpec[],
): Uint8Array {
  const name = RUN_FILES[format];
  const header = headerBytes(format);
  const end = order.reduce((a, p) => Math.max(a, p.entry.files[name]!.end), header);
  const part = Buffer.alloc(end - header);
  state.readPart(name, part);
  const pieces = order.map((p) => part.subarray(p.start[name]! - header, p.entry.files[name]!.end - header));
  if (format === 'jsonl') return Buffer.concat(pieces);
  const placed: PlacedRowGroup[] = [];
  let offset = PARQUET_MAGIC.length;
  order.forEach((p, i) => {
    const meta = p.entry.rowGroup as RowGroupMeta | undefined;
    if (!meta || meta.bytes !== pieces[i]!.length)
      throw new SweepError(
        `${state.dir}: journal entry ${p.entry.block} has no row group of ${pieces[i]!.length} bytes; delete .resume/ to start over.`,
      );
    placed.push({ offset, meta });
    offset += meta.bytes;
  });
  return Buffer.concat([PARQUET_MAGIC, ...pieces, parquetFooter(placed, columns)]);
}

/** Bytes a runs part file starts with before the first run: PAR1 for runs.parquet, none for runs.jsonl. */
export function headerBytes(format: CellFormat): number {
  return format === 'parquet' ? PARQUET_MAGIC.length : 0;
}
