import { createHash } from 'node:crypto';
import { type Dataset, OptionsError } from '@resnet/core';
import { type Split, loadMnist, loadMnistDigits, stratifiedSplit } from '@resnet/data';
import { beforeAll, describe, expect, it } from 'vitest';

// Reference from numpy 2.4.6, independent of this code: with n[d] = len(digits/<d>.json data) / 784 and
// y = np.repeat(np.arange(10), n), perm = np.random.RandomState(0).permutation(10000), walk perm sending
// row i to train while train holds fewer than floor(0.8 * n[y[i]]) rows of class y[i], else to test.
const NUMPY = {
  trainHead: [9394, 898, 2398, 5906, 2343, 8225, 5506, 6451],
  testHead: [8361, 8808, 8979, 5958, 8913, 8661, 5563, 5684],
  trainSha256: 'a4114be91ade4ccce678611788765caa336266806c354dda69c7e30344306890',
  testSha256: 'edaa7dc73c07e1a17a123d94d3e01ab42ced9a5e1663fc9ff37e6a783d6c94f5',
};

const sha256 = (a: Int32Array): string =>
  createHash('sha256')
    .update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength))
    .digest('hex');

/** Index of the first element where a and b differ (or the shorter length), -1 when equal: vitest's deep equality is slow on millions of elements. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function classCounts(ds: Dataset): number[] {
  const counts = new Array(ds.classes).fill(0);
  for (const label of ds.y) counts[label]++;
  return counts;
}

let all: Dataset;
let split: Split;
beforeAll(() => {
  all = loadMnistDigits();
  split = loadMnist();
});

describe('loadMnist(): the 7,996 / 2,004 split', () => {
  it("has the issue's counts, floor(0.8 n) of each digit in train and the rest in test", () => {
    expect(split.train.count).toBe(7996);
    expect(split.test.count).toBe(2004);
    const total = classCounts(all);
    const train = classCounts(split.train);
    const test = classCounts(split.test);
    for (let d = 0; d < 10; d++) {
      expect(train[d], `digit ${d}`).toBe(Math.floor(0.8 * total[d]));
      expect(train[d] + test[d], `digit ${d}`).toBe(total[d]);
      expect(test[d], `digit ${d} in test`).toBeGreaterThan(0);
    }
    for (const ds of [split.train, split.test]) {
      expect(ds.features).toBe(784);
      expect(ds.classes).toBe(10);
      expect(ds.y.every((l) => l >= 0 && l <= 9)).toBe(true);
    }
  });

  it('is disjoint and covers all 10,000 digits', () => {
    const seen = new Uint8Array(all.count);
    for (const i of split.trainIndices) seen[i]++;
    for (const i of split.testIndices) seen[i]++;
    expect(seen.every((s) => s === 1)).toBe(true);
  });

  it('copies the indexed rows: train row r is source row trainIndices[r], pixels and label', () => {
    for (const [part, idx] of [
      [split.train, split.trainIndices],
      [split.test, split.testIndices],
    ] as const) {
      for (const r of [0, 1, 500, part.count - 1]) {
        const i = idx[r];
        expect(part.y[r]).toBe(all.y[i]);
        expect(firstDifference(part.x.subarray(r * 784, (r + 1) * 784), all.x.subarray(i * 784, (i + 1) * 784))).toBe(
          -1,
        );
      }
    }
  });

  it('is the numpy reference split, index for index (seed 0)', () => {
    expect(Array.from(split.trainIndices.subarray(0, 8))).toEqual(NUMPY.trainHead);
    expect(Array.from(split.testIndices.subarray(0, 8))).toEqual(NUMPY.testHead);
    expect(sha256(split.trainIndices)).toBe(NUMPY.trainSha256);
    expect(sha256(split.testIndices)).toBe(NUMPY.testSha256);
  });

  it('is deterministic per seed, and another seed moves rows but keeps the counts', () => {
    const again = loadMnist();
    expect(firstDifference(again.trainIndices, split.trainIndices)).toBe(-1);
    expect(firstDifference(again.testIndices, split.testIndices)).toBe(-1);
    expect(firstDifference(again.train.x, split.train.x)).toBe(-1);
    expect(firstDifference(again.test.y, split.test.y)).toBe(-1);
    const other = stratifiedSplit(all, { seed: 1 });
    expect(classCounts(other.train)).toEqual(classCounts(split.train));
    const inTest = new Set(split.testIndices);
    const moved = other.testIndices.filter((i) => !inTest.has(i)).length;
    expect(moved).toBeGreaterThan(1000);
  });
});

/** Nearest-class-mean error of ds against the class means of train (an independent check that pixels and labels belong together). */
function nearestMeanError(train: Dataset, ds: Dataset, labelOf: (label: number) => number = (l) => l): number {
  const f = train.features;
  const means = new Float64Array(train.classes * f);
  const n = new Float64Array(train.classes);
  for (let i = 0; i < train.count; i++) {
    const c = labelOf(train.y[i]);
    n[c]++;
    for (let j = 0; j < f; j++) means[c * f + j] += train.x[i * f + j];
  }
  for (let c = 0; c < train.classes; c++) for (let j = 0; j < f; j++) means[c * f + j] /= n[c];
  let wrong = 0;
  for (let i = 0; i < ds.count; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let c = 0; c < train.classes; c++) {
      let d = 0;
      for (let j = 0; j < f; j++) d += (ds.x[i * f + j] - means[c * f + j]) ** 2;
      if (d < bestDistance) [best, bestDistance] = [c, d];
    }
    if (best !== ds.y[i]) wrong++;
  }
  return wrong / ds.count;
}

describe('loadMnist(): the digits are real and the halves alike', () => {
  it('a nearest-class-mean classifier from train gets test error well below chance, as on train', () => {
    const trainError = nearestMeanError(split.train, split.train);
    const testError = nearestMeanError(split.train, split.test);
    expect(testError).toBeLessThan(0.25); // about 0.19 on MNIST; chance is 0.9
    expect(Math.abs(testError - trainError)).toBeLessThan(0.03); // no shift between the halves
    // Control: the same classifier with its class means under the wrong labels fails.
    expect(nearestMeanError(split.train, split.test, (l) => (l + 1) % 10)).toBeGreaterThan(0.75);
  });
});

describe('stratifiedSplit', () => {
  const tiny: Dataset = {
    x: Float64Array.from({ length: 12 }, (_, i) => i),
    y: Int32Array.from([0, 1, 0, 1, 0, 2]),
    count: 6,
    features: 2,
    classes: 3,
  };

  it('gives each class floor(fraction × its count) train rows, in permutation order', () => {
    const s = stratifiedSplit(tiny, { trainFraction: 0.5, seed: 3 });
    // class 0: 3 rows -> 1 train; class 1: 2 -> 1; class 2: 1 -> 0.
    expect(classCounts(s.train)).toEqual([1, 1, 0]);
    expect(classCounts(s.test)).toEqual([2, 1, 1]);
    expect(s.train.x).toEqual(Float64Array.from(Array.from(s.trainIndices).flatMap((i) => [2 * i, 2 * i + 1])));
  });

  it('rejects a bad seed or fraction, naming the option', () => {
    expect(() => stratifiedSplit(tiny, { seed: -1 })).toThrow(OptionsError);
    expect(() => stratifiedSplit(tiny, { seed: 1.5 })).toThrow(/seed must be an integer from 0 to 4294967295; got 1.5/);
    expect(() => loadMnist({ trainFraction: 1 })).toThrow(
      /trainFraction must be a number strictly between 0 and 1; got 1/,
    );
    expect(() => loadMnist({ trainFraction: Number.NaN })).toThrow(OptionsError);
  });
});
