import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SweepError } from '../errors.js';
import { writeAtomic } from '../folder/atomic.js';
import { crc, crcHex } from '../folder/checksum.js';
import type { FolderIdentity, ManifestBase } from '../folder/format.js';
import type { JournalEntry } from '../folder/journal.js';
import { manifestText } from '../folder/manifest.js';
import { MANIFEST_JSON } from '../folder/names.js';
import type { ResumeState } from '../folder/resume.js';
import type { RowGroupMeta } from '../parquet/encodeColumns.js';
import { parquetFooter, type PlacedRowGroup } from '../parquet/parquetFooter.js';
import type { GridJob, JobHooks, JobSummary } from './job.js';
import { entryUnit } from './schedule.js';

/**
 * Publishes a job whose units are all committed, in the steps docs/sweep-format.md lists: 1. every part
 * file finished in unit order with its trailer (Parquet's footer; units committed as they finished are
 * first rewritten in unit order); 2. the summary files from the finished parts; 3. the finished parts
 * renamed into place; 4. manifest.json last. The caller removes `.resume/` afterwards: a kill before
 * that leaves a state the rerun publishes again, byte for byte.
 */
export async function publishJob<Id extends FolderIdentity, M extends Id & ManifestBase, S extends JobSummary>(
  job: GridJob<Id, M, S>,
  state: ResumeState,
  run: () => Record<string, unknown>,
  hooks: Pick<JobHooks, 'onStep'>,
): Promise<{ manifest: M; summary: S }> {
  // 1. The parts in unit order, each closed by its trailer.
  const order = job.units.commit === 'asFinished' ? unitOrder(state, job.units.first, job.units.last) : null;
  const trailers: Record<string, Uint8Array> = {};
  for (const p of job.parts)
    if (p.parquet) trailers[p.name] = parquetFooter(placedRowGroups(state, order, p), job.columns);
  const files = await state.finish(trailers, order);
  // 2. The summary it keeps, from the finished parts.
  const summary = job.summarize((name) => readFileSync(state.finished(name)));
  for (const [name, bytes] of Object.entries(summary.files)) {
    writeAtomic(join(job.out, name), bytes);
    files[name] = { bytes: bytes.length, crc32: crcHex(crc(bytes)) };
  }
  hooks.onStep?.('summary');
  // 3. The finished parts under their published names; 4. manifest.json.
  state.publish(job.out, (name) => hooks.onStep?.(`publish:${name}`));
  const manifest = job.folder.manifest(job.identity, {
    rows: job.units.start(job.units.last) - job.units.start(job.units.first),
    blocks: { count: job.units.count, first: job.units.first, last: job.units.last },
    fields: summary.fields,
    files,
    command: job.command,
    run: run(),
  });
  writeAtomic(join(job.out, MANIFEST_JSON), manifestText(manifest));
  hooks.onStep?.('manifest');
  return { manifest, summary };
}

/** The journal's entries (units committed as they finished) in unit order; every unit of [first, last) exactly once. */
function unitOrder(state: ResumeState, first: number, last: number): JournalEntry[] {
  const byUnit = new Map<number, JournalEntry>();
  for (const e of state.entries) {
    const u = entryUnit(e.meta);
    if (u === null || u < first || u >= last || byUnit.has(u))
      throw new SweepError(
        `${state.dir}: journal entry ${e.block} names no unit of this folder, or one named before; delete .resume/ to start over.`,
      );
    byUnit.set(u, e);
  }
  return [...byUnit.keys()].sort((a, b) => a - b).map((u) => byUnit.get(u)!);
}

/** The committed row groups at their offsets in the finished Parquet part (after its header), in file order. */
function placedRowGroups(
  state: ResumeState,
  order: readonly JournalEntry[] | null,
  part: { name: string; header: Uint8Array },
): PlacedRowGroup[] {
  // Each entry's bytes in the part file: from the previous entry's end (in commit order) to its own.
  const length = new Map<JournalEntry, number>();
  let end = part.header.length;
  for (const e of state.entries) {
    length.set(e, e.files[part.name]!.end - end);
    end = e.files[part.name]!.end;
  }
  let offset = part.header.length;
  return (order ?? state.entries).map((e) => {
    const meta = e.rowGroup as RowGroupMeta | undefined;
    if (!meta || meta.bytes !== length.get(e))
      throw new SweepError(
        `${state.dir}: journal entry ${e.block} has no row group of ${length.get(e)} bytes; delete .resume/ to start over.`,
      );
    const placed = { offset, meta };
    offset += meta.bytes;
    return placed;
  });
}
