import { describe, expect, it } from 'vitest';
import { replayNotebook } from '@resnet/core';
import { maxRelError } from './helpers/expectClose.js';
import { readGoldenText } from './helpers/golden.js';

const RTOL = 1e-11;
const text = readGoldenText('notebook_fullprec.txt');
const list = (name: string) =>
  JSON.parse(text.match(new RegExp(`^${name} (\\[.*\\])$`, 'm'))![1].replace(/'/g, '"')).map(Number);
const nums = (re: RegExp) => text.match(re)!.slice(1).map(Number);

describe('replayNotebook equals the notebook run top to bottom (notebook_fullprec.txt)', () => {
  const replay = replayNotebook();

  it('prints the per-layer gradient norms of the depth-10 nets', () => {
    expect(maxRelError(replay.plainGrads, list('plain_grads'))).toBeLessThan(RTOL);
    expect(maxRelError(replay.resnetGrads, list('resnet_grads'))).toBeLessThan(RTOL);
  });

  it('prints first/last ratios and the improvement', () => {
    const [pf, pl, pr] = nums(/^plain first\/last (\S+) (\S+) ratio (\S+)$/m);
    const [rf, rl, rr] = nums(/^resnet first\/last (\S+) (\S+) ratio (\S+)$/m);
    const [better] = nums(/^ResNet better by (\S+)$/m);
    expect(maxRelError([replay.plainGrads[0], replay.plainGrads[9], replay.plainRatio], [pf, pl, pr])).toBeLessThan(
      RTOL,
    );
    expect(maxRelError([replay.resnetGrads[0], replay.resnetGrads[11], replay.resnetRatio], [rf, rl, rr])).toBeLessThan(
      RTOL,
    );
    expect(maxRelError([replay.improvement], [better])).toBeLessThan(RTOL);
  });

  it('generates 30 patterns of 4x4 with labels cycling 0, 1, 2', () => {
    expect(replay.patterns.numSamples).toBe(30);
    expect(replay.patterns.X).toHaveLength(30 * 16);
    expect(Array.from(replay.patterns.y.subarray(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('prints the identity-mapping norms and error', () => {
    const expected = nums(/^identity: in (\S+) out (\S+) err (\S+)$/m);
    const { inputNorm, outputNorm, identityError } = replay.identity;
    expect(maxRelError([inputNorm, outputNorm, identityError], expected)).toBeLessThan(RTOL);
  });

  it('prints the depth-scaling table', () => {
    const rows = [...text.matchAll(/^depth (\d+): plain_ratio (\S+) resnet_ratio (\S+) better (\S+)$/gm)];
    expect(rows.map((r) => Number(r[1]))).toEqual(replay.depthScaling.map((r) => r.depth));
    for (const [i, r] of rows.entries()) {
      const got = replay.depthScaling[i];
      expect(
        maxRelError([got.plainRatio, got.resnetRatio, got.better], [Number(r[2]), Number(r[3]), Number(r[4])]),
      ).toBeLessThan(RTOL);
    }
  });
});
