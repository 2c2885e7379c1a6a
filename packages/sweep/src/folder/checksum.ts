import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';

/** crc32 (zlib's) of bytes, continuing `prev`; as 8 lowercase hex digits with crcHex. */
export function crc(bytes: Uint8Array, prev = 0): number {
  return crc32(bytes, prev);
}

/** A crc32 as 8 lowercase hex digits. */
export function crcHex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** crc32 of bytes [start, end) of a file, read in 8 MB pieces; null when the file is shorter. */
export function fileCrc(path: string, start = 0, end?: number, prev = 0): { crc: number; bytes: number } | null {
  const fd = openSync(path, 'r');
  const buffer = Buffer.allocUnsafe(8 << 20);
  let value = prev;
  let at = start;
  try {
    for (;;) {
      const want = end === undefined ? buffer.length : Math.min(buffer.length, end - at);
      if (want <= 0) break;
      const n = readSync(fd, buffer, 0, want, at);
      if (n === 0) break;
      value = crc32(buffer.subarray(0, n), value);
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  if (end !== undefined && at < end) return null;
  return { crc: value >>> 0, bytes: at - start };
}
