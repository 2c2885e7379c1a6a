import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trainRun, type Dataset } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { EXPLORER_HTML } from '@resnet/explorer';
import {
  TrainSession,
  decodeSplit,
  encodeSplit,
  limitSplit,
  type TrainProgress,
  type TrainStart,
} from '@resnet/explorer/model';

const split = loadMnist();
const bytesOf = (a: Float64Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const sameData = (a: Dataset, b: Dataset) => {
  expect([a.count, a.features, a.classes]).toEqual([b.count, b.features, b.classes]);
  expect(bytesOf(a.x).equals(bytesOf(b.x))).toBe(true);
  expect(bytesOf(a.y).equals(bytesOf(b.y))).toBe(true);
};

describe('the digits the page trains on', () => {
  it('are resnet train’s split, bit for bit, in the built page (one byte a pixel, deflated, base64)', () => {
    const html = readFileSync(EXPLORER_HTML, 'utf8');
    const base64 = /<script type="application\/octet-stream" id="mnist-digits">([A-Za-z0-9+/=]+)<\/script>/.exec(
      html,
    )![1]!;
    const decoded = decodeSplit(new Uint8Array(inflateRawSync(Buffer.from(base64, 'base64'))));
    sameData(decoded.train, split.train);
    sameData(decoded.test, split.test);
    expect(decoded.train.count).toBe(7996);
    expect(decoded.test.count).toBe(2004);
  });

  it('refuses damaged bytes with a clear message', () => {
    const bytes = encodeSplit(limitSplit(split, 8));
    expect(() => decodeSplit(bytes.subarray(0, bytes.length - 1))).toThrow(
      /damaged: \d+ bytes for 10 rows of 784 pixels/,
    );
    const bad = bytes.slice();
    bad[0] = 0;
    expect(() => decodeSplit(bad)).toThrow(/damaged: unknown format/);
  });

  it('--limit keeps the first rows, as resnet train --limit does', () => {
    const l = limitSplit(split, 10);
    expect([l.train.count, l.test.count]).toEqual([10, 3]);
    expect(Array.from(l.train.y)).toEqual(Array.from(split.train.y.subarray(0, 10)));
  });
});

describe('the page’s training session', () => {
  it.each(['plain', 'residual'] as const)(
    '%s: takes exactly trainRun’s steps and epoch records, with test errors measured in between',
    (arch) => {
      const data = limitSplit(split, 600);
      const options = { arch, depth: 8, width: 32, epochs: 2, seed: 3 };
      const reference = trainRun(options, data);
      // The session as a worker runs it: slices of steps, each followed by a report, until done.
      const reports: TrainProgress[] = [];
      const queue: (() => void)[] = [];
      const start: TrainStart = {
        kind: 'train-start',
        run: 1,
        options,
        data: { bytes: encodeSplit(limitSplit(split, 600 + 150)) },
        limit: 600,
        testsPerEpoch: 3,
      };
      const session = new TrainSession(start, { post: (p) => reports.push(p), yieldThen: (fn) => queue.push(fn) });
      session.resume();
      while (queue.length) queue.shift()!();
      const last = reports.at(-1)!;
      expect([last.done, last.step, last.total]).toEqual([true, reference.steps, reference.steps]);
      expect(reports.flatMap((r) => r.epochs)).toEqual(reference.epochs);
      const tests = reports.flatMap((r) => r.tests);
      expect(tests.length).toBeGreaterThan(1 + 2); // step 0, within the epochs, and each epoch's end
      for (const [, error] of tests) expect(error).toBeGreaterThanOrEqual(0);
      // The first epoch's loss is the mean of its steps' losses, summed in trainRun's order.
      const losses = reports.flatMap((r) => r.loss.map((l, i) => l * r.batch[i]!));
      const perEpoch = last.stepsPerEpoch;
      expect(losses.slice(0, perEpoch).reduce((a, b) => a + b, 0) / 600).toBe(reference.epochs[0]!.trainLoss);
    },
  );
});
