import { IdxError } from './errors.js';
import { gunzipExpected, gunzipHead, MAX_IDX_DATA, readRegularFile } from './idxBytes.js';

/** An IDX array of unsigned bytes (MNIST's type 0x08): its dimensions and its data, row-major. */
export interface IdxArray {
  /** Sizes, outermost first, e.g. [60000, 28, 28] for images or [60000] for labels. */
  dims: number[];
  /** The elements, product(dims) bytes. */
  data: Uint8Array;
}

/** The IDX element types by code; only ubyte (MNIST's) is read. */
const IDX_TYPES: Record<number, string> = { 8: 'ubyte', 9: 'byte', 11: 'short', 12: 'int', 13: 'float', 14: 'double' };

/** An IDX header: the dimensions, where the data starts and how many data bytes they declare. */
interface IdxHeader {
  dims: number[];
  headerBytes: number;
  dataBytes: number;
}

/** Parses and checks the header at the start of `bytes` (the whole file, or a gzipped file's first inflated bytes). */
function parseHeader(file: string, bytes: Uint8Array): IdxHeader {
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
  // 2. Dimensions, big-endian; their product is the data size, bounded before anything is allocated.
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new IdxError(
      file,
      'truncated',
      `ends inside its header: ${bytes.length} bytes, the header of ${ndims} dimensions needs ${headerBytes}.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const dataBytes = dims.reduce((a, b) => a * b, 1);
  if (dataBytes > MAX_IDX_DATA) {
    throw new IdxError(
      file,
      'tooLarge',
      `declares dimensions ${dims.join('×')}, ${dataBytes} data bytes; the loader reads at most ${MAX_IDX_DATA}.`,
    );
  }
  return { dims, headerBytes, dataBytes };
}

/**
 * Reads an IDX file (plain or gzipped, told by its content): magic 00 00 <type> <ndims>, ndims big-endian uint32
 * sizes, then the data. Only regular files are read, and the header is read first: a gzipped file is inflated no
 * further than its header's declared size, so a gzip bomb, a FIFO or /dev/zero fails at once. Throws IdxError
 * (fault `notFile`, `magic`, `type`, `dims`, `tooLarge`, `truncated`, `trailing`, ...) naming the file.
 */
export function readIdx(file: string): IdxArray {
  const source = readRegularFile(file);
  const header = parseHeader(file, source.gzip ? gunzipHead(file, source.raw) : source.raw);
  const expected = header.headerBytes + header.dataBytes;
  const shape = header.dims.join('×');
  const bytes = source.gzip ? gunzipExpected(file, source.raw, expected, shape) : source.raw;
  // 3. Exactly product(dims) bytes of data must follow.
  const have = bytes.length - header.headerBytes;
  if (have < header.dataBytes) {
    throw new IdxError(
      file,
      'truncated',
      `is truncated: dimensions ${shape} need ${header.dataBytes} data bytes; the file has ${have}.`,
    );
  }
  if (have > header.dataBytes) {
    throw new IdxError(
      file,
      'trailing',
      `has ${have - header.dataBytes} bytes after the ${header.dataBytes} data bytes its dimensions ${shape} declare.`,
    );
  }
  return { dims: header.dims, data: bytes.subarray(header.headerBytes) };
}
