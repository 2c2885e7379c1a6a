import { readSync } from 'node:fs';
import type { RowsFileError } from '../errors.js';
import { crc, crcHex } from '../folder/checksum.js';
import type { ManifestFile } from '../folder/format.js';

/**
 * The crc32 of a whole file from the pieces a reader reads anyway, in file order: only the gaps between
 * them (a Parquet footer, the magic) are read again, so a file is checked without a second pass. Pieces
 * out of order (not a file resnet wrote) fall back to reading the whole file once more at the end.
 */
export class StreamedCrc {
  private value = 0;
  private at = 0;
  private inOrder = true;

  constructor(
    private readonly fd: number,
    private readonly size: number,
  ) {}

  /** The reader read `bytes` at `offset`. */
  add(offset: number, bytes: Uint8Array): void {
    if (!this.inOrder) return;
    if (offset < this.at) {
      this.inOrder = false;
      return;
    }
    if (offset > this.at) this.value = this.range(this.at, offset, this.value);
    this.value = crc(bytes, this.value);
    this.at = offset + bytes.length;
  }

  /** The crc32 of the whole file. */
  finish(): number {
    return (this.inOrder ? this.range(this.at, this.size, this.value) : this.range(0, this.size, 0)) >>> 0;
  }

  private range(from: number, to: number, prev: number): number {
    const buffer = new Uint8Array(Math.min(Math.max(to - from, 0), 8 << 20));
    let value = prev;
    for (let at = from; at < to; ) {
      const n = readSync(this.fd, buffer, 0, Math.min(buffer.length, to - at), at);
      if (n === 0) break;
      value = crc(buffer.subarray(0, n), value);
      at += n;
    }
    return value;
  }
}

/**
 * Throws `error(fault)` unless a file read whole (`size` bytes, crc32 `got`) is the one a manifest lists
 * (`expect`): a reader never hands on rows its folder's manifest does not vouch for.
 */
export function checkAgainstManifest(
  size: number,
  got: number | null,
  expect: ManifestFile,
  error: (fault: string) => RowsFileError,
): void {
  if (size !== expect.bytes)
    throw error(`has ${size} bytes, but manifest.json says ${expect.bytes}: it is not the file the run wrote`);
  if (got !== null && crcHex(got) !== expect.crc32)
    throw error(
      `has crc32 ${crcHex(got)}, but manifest.json says ${expect.crc32}: it was changed after the run, or comes from another one`,
    );
}
