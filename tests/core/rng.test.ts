import { describe, expect, it } from 'vitest';
import { createRng, LegacyRandomState, OptionsError, StreamRng } from '@resnet/core';
import { readGoldenJson } from './helpers/golden.js';

type Vectors = Record<string, unknown> & { numbers: Record<string, number[]> };
const vectors = readGoldenJson<Vectors>('rng_vectors.json');
const strings = (key: string) => (vectors[key] as string[]).map(Number);

describe('LegacyRandomState matches numpy RandomState bit for bit', () => {
  it('seeds by init_genrand', () => {
    const rng = createRng(42) as unknown as { mt: Int32Array };
    const key = Array.from(rng.mt.subarray(0, 5), (v) => v >>> 0);
    expect(key).toEqual(vectors['RandomState(42) init_genrand key[0:5] (state after seeding, pos=624)']);
  });

  it('produces the tempered MT19937 outputs', () => {
    const rng = createRng(42);
    const raw = Array.from({ length: 10 }, () => rng.nextUint32());
    expect(raw).toEqual(vectors['RandomState(42) first 10 raw uint32 (tempered MT19937 outputs)']);
  });

  it('produces 53-bit uniforms exactly', () => {
    const a = createRng(42);
    expect(Array.from({ length: 6 }, () => a.uniform())).toEqual(strings('RandomState(42).random_sample(6)'));
    const b = createRng(0);
    expect(Array.from({ length: 4 }, () => b.uniform())).toEqual(strings('RandomState(0).random_sample(4)'));
  });

  it('produces legacy polar normals exactly', () => {
    for (const seed of [42, 0]) {
      const out = createRng(seed).fillNormal(new Float64Array(10));
      expect(Array.from(out)).toEqual(strings(`RandomState(${seed}).randn(10)`));
    }
  });

  it('carries the cached normal across calls, as randn(5) then randn(3,4)', () => {
    const rng = createRng(42);
    expect(Array.from(rng.fillNormal(new Float64Array(5)))).toEqual(strings('RandomState(42).randn(5)'));
    expect(Array.from(rng.fillNormal(new Float64Array(12)))).toEqual(
      strings('then .randn(3,4) on the same stream, C order (row-major flat)'),
    );
  });

  it('gives the same stream through normal() and fillNormal() in any split', () => {
    const whole = createRng(7).fillNormal(new Float64Array(1001));
    const rng = createRng(7);
    const pieces = new Float64Array(1001);
    rng.fillNormal(pieces, 0, 3);
    for (let i = 3; i < 10; i++) pieces[i] = rng.normal();
    rng.fillNormal(pieces, 10, 1001);
    expect(pieces).toEqual(whole);
  });

  it('re-seeds in place exactly like a fresh generator', () => {
    const rng = new LegacyRandomState(1);
    rng.normal();
    rng.seed(42);
    expect(rng.normal()).toBe(createRng(42).normal());
  });

  it('replays a drawn stream through StreamRng', () => {
    const stream = createRng(3).fillNormal(new Float64Array(8));
    const replay = new StreamRng(stream);
    expect(replay.normal()).toBe(stream[0]);
    expect(Array.from(replay.fillNormal(new Float64Array(7)))).toEqual(Array.from(stream.subarray(1)));
    expect(() => replay.normal()).toThrow(/exhausted/);
  });

  it.each([-1, 1.5, 2 ** 32, NaN, '3'])('rejects seed %s with an OptionsError', (seed) => {
    expect(() => createRng(seed as number)).toThrow(OptionsError);
    expect(() => createRng(seed as number)).toThrow(/seed must be an integer from 0 to 4294967295; got/);
  });
});
