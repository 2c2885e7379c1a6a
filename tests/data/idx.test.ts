import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, deflateRawSync, gzipSync } from 'node:zlib';
import { checkDataset, OptionsError } from '@resnet/core';
import { DataError, IdxError, type IdxFault, MNIST_IDX_FILES, loadIdx, loadMnistIdx, readIdx } from '@resnet/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** An IDX file written byte by byte from the format's definition: 00 00 type ndims, big-endian dims, data. */
function idx(dims: number[], data: ArrayLike<number>, type = 0x08): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = type;
  header[3] = dims.length;
  for (const [i, d] of dims.entries()) header.writeUInt32BE(d, 4 + 4 * i);
  return Buffer.concat([header, Buffer.from(Uint8Array.from(data))]);
}

let dir: string;
const file = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

// 300 images of 2×3 pixels: 300 > 255, so a little-endian or one-byte count would be misread.
const COUNT = 300;
const pixels = Uint8Array.from({ length: COUNT * 6 }, (_, i) => (i * 37 + 11) % 256);
const labels = Uint8Array.from({ length: COUNT }, (_, i) => (i * 7) % 10);
let images: string;
let labelsFile: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'resnet-idx-'));
  images = file('images-idx3-ubyte', idx([COUNT, 2, 3], pixels));
  labelsFile = file('labels-idx1-ubyte', idx([COUNT], labels));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectIdxError(run: () => unknown, path: string, fault: IdxFault, message: RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(IdxError);
  expect(caught).toBeInstanceOf(DataError);
  const err = caught as IdxError;
  expect(err.fault).toBe(fault);
  expect(err.kind).toBe('usage');
  expect(err.file).toBe(path);
  expect(err.message.startsWith(`${path}: `)).toBe(true);
  expect(err.message).toMatch(message);
}

describe('readIdx and loadIdx: round trip', () => {
  it('reads the header big-endian and the data row-major', () => {
    const a = readIdx(images);
    expect(a.dims).toEqual([COUNT, 2, 3]);
    expect(Array.from(a.data)).toEqual(Array.from(pixels));
  });

  it('pairs images and labels into a Dataset, pixels / 255', () => {
    const ds = loadIdx(images, labelsFile);
    expect(checkDataset('idx', ds)).toBe(ds);
    expect([ds.count, ds.features, ds.classes]).toEqual([COUNT, 6, 10]);
    expect(Array.from(ds.y)).toEqual(Array.from(labels));
    expect(Array.from(ds.x)).toEqual(Array.from(pixels, (p) => p / 255));
    expect(Math.min(...ds.x)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ds.x)).toBeLessThanOrEqual(1);
  });

  it('reads gzipped files by their content, with or without a .gz name, and gives the same Dataset', () => {
    const gzImages = file('images.gz', gzipSync(idx([COUNT, 2, 3], pixels)));
    const gzLabelsNoExt = file('labels-gzipped', gzipSync(idx([COUNT], labels)));
    expect(loadIdx(gzImages, gzLabelsNoExt)).toEqual(loadIdx(images, labelsFile));
  });

  it('loads the four standard MNIST names from a folder, plain or .gz', () => {
    const mnistDir = join(dir, 'mnist');
    mkdirSync(mnistDir);
    const f = MNIST_IDX_FILES;
    writeFileSync(
      join(mnistDir, `${f.trainImages}.gz`),
      gzipSync(idx([3, 2, 2], [0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])),
    );
    writeFileSync(join(mnistDir, f.trainLabels), idx([3], [9, 0, 4]));
    writeFileSync(join(mnistDir, f.testImages), idx([1, 2, 2], [255, 255, 0, 0]));
    writeFileSync(join(mnistDir, `${f.testLabels}.gz`), gzipSync(idx([1], [7])));
    const { train, test } = loadMnistIdx(mnistDir);
    expect(Array.from(train.y)).toEqual([9, 0, 4]);
    expect(train.x[1]).toBe(1);
    expect(train.features).toBe(4);
    expect(Array.from(test.x)).toEqual([1, 1, 0, 0]);
    expect(Array.from(test.y)).toEqual([7]);
    // Test images of another size than the training images: the test images file is named (before: an OptionsError
    // about "test.features" later, naming no file).
    writeFileSync(join(mnistDir, f.testImages), idx([1, 3, 1], [255, 0, 0]));
    expectIdxError(
      () => loadMnistIdx(mnistDir),
      join(mnistDir, f.testImages),
      'dims',
      /holds images of 3 pixels, but .*train-images-idx3-ubyte\.gz holds images of 4/,
    );
    rmSync(join(mnistDir, f.testImages));
    expectIdxError(
      () => loadMnistIdx(mnistDir),
      join(mnistDir, f.testImages),
      'unreadable',
      /is missing \(nor is t10k-images-idx3-ubyte\.gz/,
    );
  });
});

describe('readIdx and loadIdx: faults name the file and the fault', () => {
  it('wrong magic', () => {
    const bad = file('bad-magic', Buffer.from([0x08, 0x03, 0, 0, 0, 1]));
    expectIdxError(() => readIdx(bad), bad, 'magic', /magic number must start 00 00; got 08 03 00 00/);
    const empty = file('empty', new Uint8Array(0));
    expectIdxError(() => readIdx(empty), empty, 'magic', /got an empty file/);
  });

  it('an element type other than unsigned bytes', () => {
    const floats = file('floats', idx([1], [0, 0, 0, 0], 0x0d));
    expectIdxError(() => readIdx(floats), floats, 'type', /holds float elements; only unsigned bytes/);
  });

  it('a truncated file, in the data or in the header', () => {
    const full = idx([COUNT, 2, 3], pixels);
    const cut = file('cut', full.subarray(0, full.length - 1));
    expectIdxError(() => readIdx(cut), cut, 'truncated', /dimensions 300×2×3 need 1800 data bytes; the file has 1799/);
    const cutHeader = file('cut-header', full.subarray(0, 10));
    expectIdxError(() => readIdx(cutHeader), cutHeader, 'truncated', /ends inside its header: 10 bytes/);
    const cutGz = file('cut.gz', gzipSync(full).subarray(0, 40));
    expectIdxError(() => readIdx(cutGz), cutGz, 'gzip', /does not decompress/);
  });

  it('bytes after the declared data', () => {
    const long = file('long', Buffer.concat([idx([2], [1, 2]), Buffer.from([0])]));
    expectIdxError(() => readIdx(long), long, 'trailing', /1 bytes after the 2 data bytes/);
  });

  it('a labels file whose count differs from the images file', () => {
    const fewer = file('fewer-labels', idx([COUNT - 1], labels.subarray(1)));
    expectIdxError(() => loadIdx(images, fewer), fewer, 'count', /holds 299 labels but .* holds 300 images/);
  });

  it('images and labels swapped, a label out of range, a missing file', () => {
    expectIdxError(() => loadIdx(labelsFile, images), labelsFile, 'dims', /images need at least 2/);
    const eleven = file(
      'label-11',
      idx(
        [COUNT],
        Array.from(labels, (l, i) => (i === 5 ? 11 : l)),
      ),
    );
    expectIdxError(() => loadIdx(images, eleven), eleven, 'label', /label 5 is 11; labels must be from 0 to 9/);
    expect(loadIdx(images, eleven, { classes: 12 }).y[5]).toBe(11);
    const missing = join(dir, 'no-such-file');
    expectIdxError(() => readIdx(missing), missing, 'unreadable', /cannot be read \(ENOENT\)/);
    expect(() => loadIdx(images, labelsFile, { classes: 0 })).toThrow(OptionsError);
  });
});

/**
 * A gzip file whose content is `head` followed by `zeroChunks` x 16 MiB of zeros, built by repeating one sync-flushed
 * deflate segment (so a 4 GiB content is ~4 MB on disk). The trailer's crc is not computed: a reader that inflates
 * everything fails on it only after allocating the whole content.
 */
function gzipBomb(head: Uint8Array, zeroChunks: number): Buffer {
  const flush = { finishFlush: constants.Z_SYNC_FLUSH };
  const segment = deflateRawSync(new Uint8Array(16 * 2 ** 20), { ...flush, level: 9 });
  const parts = [
    Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]),
    deflateRawSync(head, flush),
    ...Array.from({ length: zeroChunks }, () => segment),
    deflateRawSync(new Uint8Array(0)),
    Buffer.alloc(8),
  ];
  return Buffer.concat(parts);
}

describe('readIdx: hostile files fail at once, allocating no more than the header declares', () => {
  it('a gzip bomb (4 GiB of zeros after a header declaring 6 bytes) stops at the declared size', () => {
    const bomb = file('bomb.gz', gzipBomb(idx([2, 3], []), 256));
    expect(bomb.length).toBeGreaterThan(0);
    expectIdxError(
      () => readIdx(bomb),
      bomb,
      'trailing',
      /inflates past the 18 bytes \(header and dimensions 2×3\) it declares; the rest was not inflated/,
    );
  });

  it('a header declaring more than the loader reads is refused before the data is read', () => {
    const huge = file('huge', idx([65536, 65536], []));
    expectIdxError(
      () => readIdx(huge),
      huge,
      'tooLarge',
      /65536×65536, 4294967296 data bytes; the loader reads at most/,
    );
    const hugeGz = file('huge.gz', gzipBomb(idx([65536, 65536], []), 1));
    expectIdxError(() => readIdx(hugeGz), hugeGz, 'tooLarge', /4294967296 data bytes/);
  });

  it('a symlink to /dev/zero, a folder and a FIFO are refused as not regular files, without reading or blocking', () => {
    const zero = join(dir, 'zero-link');
    symlinkSync('/dev/zero', zero);
    expectIdxError(() => readIdx(zero), zero, 'notFile', /is a device or special file, not a regular file/);
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expectIdxError(() => readIdx(folder), folder, 'notFile', /is a folder/);
    const fifo = join(dir, 'a-fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expectIdxError(() => readIdx(fifo), fifo, 'notFile', /is a FIFO/);
  });

  it('a symlink to a regular IDX file is read', () => {
    const link = join(dir, 'images-link');
    symlinkSync(images, link);
    expect(readIdx(link).dims).toEqual([COUNT, 2, 3]);
  });
});
