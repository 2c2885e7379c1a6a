import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trainRun, type Dataset } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { EXPLORER_HTML } from '@resnet/explorer';
import { createTrainer, decodeSplit, encodeSplit, limitSplit } from '@resnet/explorer/model';

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

describe('the page’s stepwise trainer', () => {
  it.each(['plain', 'residual'] as const)(
    '%s: takes exactly trainRun’s steps and epoch records, with test errors measured in between',
    (arch) => {
      const data = limitSplit(split, 600);
      const options = { arch, depth: 8, width: 32, epochs: 2, seed: 3 };
      const reference = trainRun(options, data);
      const trainer = createTrainer(options, data);
      const epochs = [];
      const losses: number[] = [];
      for (let s = trainer.next(); s !== null; s = trainer.next()) {
        losses.push(s.loss * s.batch);
        if (s.epoch) epochs.push(s.epoch);
        if (trainer.step % 2 === 0) expect(trainer.testError()).toBeGreaterThanOrEqual(0); // must change nothing
      }
      expect(trainer.step).toBe(reference.steps);
      expect(epochs).toEqual(reference.epochs);
      // The first epoch's loss is the mean of its steps' losses, summed in trainRun's order.
      const perEpoch = trainer.stepsPerEpoch;
      expect(losses.slice(0, perEpoch).reduce((a, b) => a + b, 0) / 600).toBe(reference.epochs[0]!.trainLoss);
    },
  );
});
