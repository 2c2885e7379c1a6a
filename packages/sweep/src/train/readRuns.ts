import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CellsFileError, RunsFileError } from '../errors.js';
import { crc } from '../folder/checksum.js';
import type { ManifestFile } from '../folder/format.js';
import { RUN_FILES, RUNS_PARQUET, type OutputFormat } from '../folder/names.js';
import { fileEntry } from '../folder/verify.js';
import { checkAgainstManifest } from '../read/fileCheck.js';
import { DecodeError, decodeRowGroup } from '../parquet/decodeRowGroup.js';
import { readParquetFooter, type ParquetFileInfo } from '../parquet/readParquetFooter.js';
import type { ColumnSpec } from '../parquet/schema.js';
import { schemaColumns } from '../parquet/schemaColumns.js';
import type { ThriftStruct } from '../parquet/thrift.js';
import { appliesNot } from '../read/appliesNot.js';
import { optionColumns, runAxisColumns, runColumnsFault } from './runColumns.js';
import { parseRuns, RUN_FINALS, RUN_LISTS, type RunRecord } from './record.js';

/** The runs of a training folder, and which file they came from. */
export interface RunsRead {
  file: string;
  format: OutputFormat;
  runs: RunRecord[];
}

/**
 * Reads every run of a training folder in canonical order: runs.parquet when the folder has it, else
 * runs.jsonl (or the given format). Both give the same records (NaN and ±Infinity restored from
 * nonFinite in JSON). Throws RunsFileError (kind 'state') when the file is missing or damaged. With
 * `files` (the folder's manifest's), the file read must be listed there with its size and crc32 (checked
 * on the bytes read, before any run is decoded).
 */
export function readRuns(dir: string, format?: OutputFormat, files?: Record<string, ManifestFile>): RunsRead {
  for (const f of format ? [format] : (['parquet', 'jsonl'] as const)) {
    const file = join(dir, RUN_FILES[f]);
    if (!existsSync(file)) continue;
    const bytes = readFileSync(file);
    if (files) {
      const fail = (fault: string) => new RunsFileError(file, undefined, fault);
      const entry = fileEntry(files[RUN_FILES[f]]);
      if (!entry) throw fail('is not listed in manifest.json (with its size and crc32)');
      checkAgainstManifest(bytes.length, crc(bytes), entry, fail);
    }
    return { file, format: f, runs: f === 'parquet' ? decodeRuns(bytes, file) : parseJsonl(bytes, file) };
  }
  throw new RunsFileError(
    format ? join(dir, RUN_FILES[format]) : dir,
    undefined,
    format ? 'does not exist' : `holds neither ${RUN_FILES.parquet} nor ${RUN_FILES.jsonl}`,
  );
}

function parseJsonl(bytes: Buffer, file: string): RunRecord[] {
  try {
    return parseRuns(bytes.toString('utf8'));
  } catch (e) {
    throw new RunsFileError(file, undefined, `is not JSON Lines of runs (${(e as Error).message})`);
  }
}

/** The columns of a runs.parquet schema, checked (readParquetFooter's `columnsOf`). */
export function runsSchemaColumns(schema: ThriftStruct[], fail: (fault: string) => never): ColumnSpec[] {
  const columns = schemaColumns(schema, fail);
  const fault = runColumnsFault(columns);
  return fault ? fail(fault) : columns;
}

/** The footer of a runs.parquet file (its bytes): row groups and columns, the schema checked. */
export function runsParquetInfo(bytes: Uint8Array, file = RUNS_PARQUET): ParquetFileInfo {
  try {
    return readParquetFooter(bytes, file, runsSchemaColumns);
  } catch (e) {
    if (e instanceof CellsFileError) throw new RunsFileError(file, e.where, e.fault);
    throw e;
  }
}

/** Decodes the runs of a runs.parquet file's bytes, in file order. */
export function decodeRuns(bytes: Uint8Array, file = RUNS_PARQUET): RunRecord[] {
  const info = runsParquetInfo(bytes, file);
  const options = optionColumns(info.columns);
  const axes = runAxisColumns(info.columns);
  const runs: RunRecord[] = [];
  for (const [g, { offset, meta }] of info.rowGroups.entries()) {
    let d: ReturnType<typeof decodeRowGroup>;
    try {
      d = decodeRowGroup(bytes.subarray(offset, offset + meta.bytes), meta, true, info.columns);
    } catch (e) {
      if (e instanceof DecodeError) throw new RunsFileError(file, `row group ${g}`, e.message);
      throw e;
    }
    const n = d.numbers;
    const lists = d.lists!;
    const list = (name: string, i: number) =>
      Array.from(lists[name]!.values.subarray(lists[name]!.starts[i]!, lists[name]!.starts[i + 1]!));
    for (let i = 0; i < d.rows; i++) {
      const opts: Record<string, unknown> = {};
      for (const c of options)
        opts[c.name] =
          c.kind === 'string' ? d.strings[c.name]![i] : c.kind === 'boolean' ? n[c.name]![i] === 1 : n[c.name]![i];
      const r = {
        arch: d.strings.arch![i]!,
        depth: n.depth![i]!,
        seed: n.seed![i]!,
        options: opts,
        steps: n.steps![i]!,
      } as RunRecord;
      for (const k of RUN_LISTS) r[k] = list(k, i);
      for (const k of RUN_FINALS) r[k] = n[k]![i]!;
      r.nonFinite = d.strings.nonFinite![i]!;
      // An axis that does not apply to the run's net (a plain net's branch scale) has no value: left out, as readCells does.
      const own = axes.filter((c) => !appliesNot(r.arch, c.name));
      if (own.length)
        r.axes = Object.fromEntries(
          own.map((c) => [c.name, c.kind === 'string' ? d.strings[c.name]![i]! : n[c.name]![i]!]),
        );
      runs.push(r);
    }
  }
  return runs;
}
