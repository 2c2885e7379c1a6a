import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IdxError } from './errors.js';

/** An IDX array of unsigned bytes (MNIST's type 0x08): its dimensions and its data, row-major. */
export interface IdxArray {
  /** Sizes, outermost first, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** The elements, product(dims) bytes. */
  data: Uint8Array;
}

/** The IDX element types by code; only ubyte (MNIST's) is read. */
const IDX_TYPES: Record<number, string> = { 8: 'ubyte', 9: 'byte', 11: 'short', 12: 'int', 13: 'float', 14: 'double' };

/** Reads the file's bytes, gunzipped when they start with the gzip magic 1f 8b (whatever the file name). */
function readBytes(file: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(file);
  } catch (e) {
    throw new IdxError(file, 'unreadable', `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}).`);
  }
  if (raw.length < 2 || raw[0] !== 0x1f || raw[1] !== 0x8b) return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    throw new IdxError(file, 'gzip', `starts like a gzip file but does not decompress (${(e as Error).message}).`);
  }
}

/**
 * Reads an IDX file (plain or .gz): magic 00 00 <type> <ndims>, ndims big-endian uint32 sizes, then
 * the data. Throws IdxError (fault `magic`, `type`, `dims`, `truncated`, `trailing`, ...) naming the file.
 */
export function readIdx(file: string): IdxArray {
  const bytes = readBytes(file);
  // 1. Magic number: two zero bytes, the element type, the number of dimensions.
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) {
    const got = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new IdxError(
      file,
      'magic',
      `is not an IDX file: the magic number must start 00 00; got ${got || 'an empty file'}.`,
    );
  }
  const type = bytes[2]!;
  const ndims = bytes[3]!;
  if (type !== 8) {
    const name = IDX_TYPES[type] ?? `unknown type 0x${type.toString(16)}`;
    throw new IdxError(file, 'type', `holds ${name} elements; only unsigned bytes (0x08, as in MNIST) are read.`);
  }
  if (ndims < 1) throw new IdxError(file, 'dims', 'declares 0 dimensions; at least 1 is needed.');
  // 2. Dimensions, big-endian.
  const header = 4 + 4 * ndims;
  if (bytes.length < header) {
    throw new IdxError(
      file,
      'truncated',
      `ends inside its header: ${bytes.length} bytes, the header of ${ndims} dimensions needs ${header}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  // 3. Exactly product(dims) bytes of data must follow.
  const size = dims.reduce((a, b) => a * b, 1);
  const have = bytes.length - header;
  if (have < size)
    throw new IdxError(
      file,
      'truncated',
      `is truncated: dimensions ${dims.join('×')} need ${size} data bytes; the file has ${have}.`,
    );
  if (have > size)
    throw new IdxError(
      file,
      'trailing',
      `has ${have - size} bytes after the ${size} data bytes its dimensions ${dims.join('×')} declare.`,
    );
  return { dims, data: bytes.subarray(header) };
}
