import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { IdxError } from './errors.js';

/** The longest IDX header: magic (4 bytes) and 255 big-endian uint32 dimensions. */
export const MAX_IDX_HEADER = 4 + 4 * 255;

/** The most data bytes an IDX file may declare (1 GiB; 8 GiB as float64 pixels): a larger header is refused. */
export const MAX_IDX_DATA = 2 ** 30;

/** Compressed bytes inflated to read a gzipped file's header; deflate's ratio is at most ~1032:1. */
const HEADER_PROBE = 4096;

/** A regular file's bytes and whether they were gzipped. */
export interface IdxSource {
  /** The raw file bytes (compressed when `gzip`). */
  raw: Uint8Array;
  /** The content starts with the gzip magic 1f 8b (whatever the file name). */
  gzip: boolean;
}

/**
 * The bytes of `file`, which must be a regular file (a FIFO, a device such as /dev/zero, or a folder is refused
 * before a byte is read; a symlink to a regular file is fine). Opened non-blocking, so a FIFO never blocks.
 */
export function readRegularFile(file: string): IdxSource {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new IdxError(file, 'unreadable', `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      const what = stat.isFIFO() ? 'a FIFO' : stat.isDirectory() ? 'a folder' : 'a device or special file';
      throw new IdxError(file, 'notFile', `is ${what}, not a regular file; pass the IDX file itself.`);
    }
    const maxFile = MAX_IDX_HEADER + MAX_IDX_DATA;
    if (stat.size > maxFile) {
      throw new IdxError(file, 'tooLarge', `is ${stat.size} bytes; the loader reads IDX files of at most ${maxFile}.`);
    }
    const raw = new Uint8Array(stat.size);
    let got = 0;
    while (got < raw.length) {
      const n = readSync(fd, raw, got, raw.length - got, got);
      if (n === 0) break;
      got += n;
    }
    const bytes = raw.subarray(0, got);
    return { raw: bytes, gzip: bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b };
  } finally {
    closeSync(fd);
  }
}

/** Inflates `raw` to at most `limit` bytes; `truncatedOk` accepts a cut stream (for reading a header). */
function gunzipBounded(file: string, raw: Uint8Array, limit: number, truncatedOk: boolean): Uint8Array {
  try {
    return gunzipSync(raw, {
      maxOutputLength: limit,
      // Z_SYNC_FLUSH: return what a cut stream holds instead of failing on its missing end.
      ...(truncatedOk ? { finishFlush: zlibConstants.Z_SYNC_FLUSH } : {}),
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new OutputLimitError();
    throw new IdxError(file, 'gzip', `starts like a gzip file but does not decompress (${(e as Error).message}).`);
  }
}

/** Thrown inside this module when inflating would exceed its bound. */
class OutputLimitError extends Error {}

/** The first bytes of a gzipped file's content (at least its header when the stream holds one), inflated bounded. */
export function gunzipHead(file: string, raw: Uint8Array): Uint8Array {
  try {
    return gunzipBounded(file, raw.subarray(0, HEADER_PROBE), 2 * 1024 * HEADER_PROBE, true);
  } catch (e) {
    if (e instanceof OutputLimitError) return new Uint8Array(0); // cannot happen for deflate; treated as no header
    throw e;
  }
}

/**
 * The whole content of a gzipped file, inflated to at most `expected` + 1 bytes (the size its header declares),
 * so a gzip bomb stops at the declared size: more content is the `trailing` fault, never a large allocation.
 */
export function gunzipExpected(file: string, raw: Uint8Array, expected: number, shape: string): Uint8Array {
  try {
    return gunzipBounded(file, raw, expected + 1, false);
  } catch (e) {
    if (e instanceof OutputLimitError) {
      const what = `the ${expected} bytes (header and dimensions ${shape}) it declares`;
      throw new IdxError(file, 'trailing', `inflates past ${what}; the rest was not inflated.`);
    }
    throw e;
  }
}
