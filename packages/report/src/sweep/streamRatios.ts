import { open } from 'node:fs/promises';
import { STAT_FIELDS, STAT_RATIO, crc, crcHex, type ManifestFile } from '@resnet/sweep/folder';
import type { FolderGroups } from '@resnet/sweep/read';
import { ReportError } from '../errors.js';

/** Cells read from cellstats.f64 at a time (160 KB). */
const CHUNK_CELLS = 4096;

/**
 * The ratios of some groups of a sweep folder from its cellstats.f64 (per cell, STAT_FIELDS little-endian float64 in
 * canonical order; docs/sweep-format.md), each group's in file (seed) order. Reads the whole file once, in chunks, and
 * keeps only these groups' values. A file of another size than the folder's cells is refused; with `expect` (the
 * manifest's size and crc32), so is one whose crc32, computed on the very bytes read, is not the manifest's.
 */
export async function streamRatios(
  file: string,
  layout: FolderGroups,
  groups: readonly number[],
  expect?: ManifestFile,
): Promise<Map<number, Float64Array>> {
  const out = new Map<number, Float64Array>();
  // By group index, for the loop over cells: the group's values (undefined: not read in this pass) and how many.
  const byGroup: (Float64Array | undefined)[] = new Array(layout.groups.length);
  const filled = new Int32Array(layout.groups.length);
  for (const g of groups) {
    byGroup[g] = new Float64Array(layout.groups[g]!.cells);
    out.set(g, byGroup[g]!);
  }
  const bytesPerCell = STAT_FIELDS * 8;
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReportError(
      `${file} ${code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`}: a sweep folder holds each cell's summary values there. Run the sweep again into a new folder.`,
      file,
    );
  }
  try {
    const { size } = await fh.stat();
    if (expect && size !== expect.bytes)
      throw new ReportError(
        `${file} has ${size} bytes, but manifest.json says ${expect.bytes}: it is not the file the run wrote. Rerun its sweep command (it checks the folder and recomputes what is damaged), then report.`,
        file,
      );
    if (size !== layout.cellCount * bytesPerCell)
      throw new ReportError(
        `${file} has ${size} bytes; ${layout.cellCount} cells need ${layout.cellCount * bytesPerCell}. The folder is damaged or incomplete; run the sweep again into a new folder.`,
        file,
      );
    const buffer = Buffer.alloc(CHUNK_CELLS * bytesPerCell);
    let sum = 0;
    for (let first = 0; first < layout.cellCount; first += CHUNK_CELLS) {
      const cells = Math.min(CHUNK_CELLS, layout.cellCount - first);
      const { bytesRead } = await fh.read(buffer, 0, cells * bytesPerCell, first * bytesPerCell);
      if (bytesRead !== cells * bytesPerCell) throw new ReportError(`${file} ended early while it was read.`, file);
      if (expect) sum = crc(buffer.subarray(0, bytesRead), sum);
      for (let j = 0; j < cells; j++) {
        const g = layout.groupOf(first + j);
        const values = byGroup[g];
        if (values) values[filled[g]!++] = buffer.readDoubleLE((j * STAT_FIELDS + STAT_RATIO) * 8);
      }
    }
    // The values are handed on only once the bytes they came from are the manifest's.
    if (expect && crcHex(sum) !== expect.crc32)
      throw new ReportError(
        `${file} has crc32 ${crcHex(sum)}, but manifest.json says ${expect.crc32}: it was changed after the run, or comes from another one. Rerun its sweep command (it checks the folder and recomputes what is damaged), then report.`,
        file,
      );
  } finally {
    await fh.close();
  }
  return out;
}
