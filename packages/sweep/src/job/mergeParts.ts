import { closeSync, openSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { IncompleteError } from '../errors.js';
import { crc, crcHex } from '../folder/checksum.js';
import { crc32Combine } from '../folder/crcCombine.js';
import { openFresh } from '../folder/entries.js';
import type { FolderWords, ManifestBase, ManifestFile } from '../folder/format.js';
import { parquetFooter, type PlacedRowGroup } from '../parquet/parquetFooter.js';
import { readParquetFooter } from '../parquet/readParquetFooter.js';
import type { ColumnSpec } from '../parquet/schema.js';
import type { JobFiles, JobPart } from './job.js';

/** A merge input as far as copying its parts goes. */
type Input = { dir: string; manifest: Pick<ManifestBase, 'files'> };

/**
 * Writes part `part` of the merged folder into `path`: the inputs' files concatenated in order (a
 * Parquet part: 'PAR1', every input's row groups, one footer with their new offsets), each input read
 * once and checked against its manifest's crc32 on the way. Returns the written file's size and crc32.
 * `signal` is checked between pieces of 8 MB: an abort throws it (the caller removes `path`).
 */
export async function concatenateParts(
  inputs: readonly Input[],
  part: JobPart,
  path: string,
  files: Pick<JobFiles, 'parquetColumns'>,
  words: FolderWords,
  signal?: AbortSignal,
): Promise<ManifestFile> {
  const out = await openFresh(path); // a link planted at the tmp name is replaced, never written through
  const placed: PlacedRowGroup[] = [];
  let columns: readonly ColumnSpec[] | undefined;
  let value = crc(part.header);
  let at = part.header.length;
  try {
    await writeAll(out, part.header, 0);
    for (const input of inputs) {
      const source = join(input.dir, part.name);
      const start = part.header.length;
      let length = input.manifest.files[part.name]!.bytes - start;
      if (part.parquet) {
        const sfd = openSync(source, 'r');
        let info: ReturnType<typeof readParquetFooter>;
        try {
          info = readParquetFooter(sfd, source, files.parquetColumns);
        } finally {
          closeSync(sfd);
        }
        columns ??= info.columns; // shards of one grid (checked by the caller) share their columns
        for (const g of info.rowGroups) placed.push({ offset: g.offset - start + at, meta: g.meta });
        length = info.dataEnd - start;
      }
      const copied = await copyRange(source, start, length, out, at, words, signal);
      checkCrc(input, part.name, copied.file, words);
      value = crc32Combine(value, copied.range, length);
      at += length;
    }
    if (part.parquet) {
      const footer = parquetFooter(placed, columns);
      await writeAll(out, footer, at);
      value = crc32Combine(value, crc(footer), footer.length);
      at += footer.length;
    }
    await out.sync();
  } finally {
    await out.close();
  }
  return { bytes: at, crc32: crcHex(value) };
}

/**
 * Copies bytes [start, start+length) of `source` to `out` at `position`, reading the whole source once:
 * returns the crc32 of the whole file (to check against its manifest) and of the copied range. Between
 * pieces it yields to the event loop (a signal is seen) and throws `signal.reason` once aborted.
 */
async function copyRange(
  source: string,
  start: number,
  length: number,
  out: FileHandle,
  position: number,
  words: FolderWords,
  signal: AbortSignal | undefined,
): Promise<{ file: number; range: number }> {
  const src = await open(source, 'r');
  const buffer = Buffer.allocUnsafe(8 << 20);
  let file = 0;
  let range = 0;
  try {
    let at = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead: n } = await src.read(buffer, 0, buffer.length, at);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      file = crc(chunk, file);
      // The part of this chunk inside the range.
      const lo = Math.max(at, start);
      const hi = Math.min(at + n, start + length);
      if (hi > lo) {
        const piece = chunk.subarray(lo - at, hi - at);
        range = crc(piece, range);
        await writeAll(out, piece, position + (lo - start));
      }
      at += n;
    }
    if (at < start + length)
      throw new IncompleteError(
        `${source} ends at byte ${at}, before ${start + length}; the folder is damaged. Rerun its ${words.command} command to repair it.`,
      );
  } finally {
    await src.close();
  }
  return { file: file >>> 0, range: range >>> 0 };
}

async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  for (let w = 0; w < bytes.length; ) {
    const { bytesWritten } = await handle.write(bytes, w, bytes.length - w, position + w);
    w += bytesWritten;
  }
}

function checkCrc(input: Input, name: string, got: number, words: FolderWords): void {
  const want = input.manifest.files[name]!.crc32;
  if (crcHex(got) !== want) {
    throw new IncompleteError(
      `${input.dir}/${name} has crc32 ${crcHex(got)}, its manifest says ${want}: the file is damaged. Rerun that folder's ${words.command} command to repair it, then merge.`,
    );
  }
}
