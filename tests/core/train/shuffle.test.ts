import { describe, expect, it } from 'vitest';
import { createRng, permutation } from '@resnet/core';

// Golden values from numpy 2.4.6: np.random.RandomState(seed).permutation(n).
describe('permutation', () => {
  it("matches numpy's RandomState.permutation bit for bit", () => {
    expect(Array.from(permutation(createRng(3), 10))).toEqual([5, 4, 1, 2, 9, 6, 7, 0, 3, 8]);
    expect(Array.from(permutation(createRng(0), 7))).toEqual([6, 2, 1, 3, 0, 5, 4]);
  });

  it('continues the stream like successive numpy calls (n = 1000)', () => {
    const rng = createRng(11);
    const first = permutation(rng, 1000);
    expect(Array.from(first.subarray(0, 6))).toEqual([25, 464, 372, 730, 757, 357]);
    // sum(i * p[i]) over the whole permutation, from numpy.
    expect(first.reduce((s, v, i) => s + i * v, 0)).toBe(248788805);
    expect(Array.from(permutation(rng, 1000).subarray(0, 6))).toEqual([588, 7, 862, 823, 171, 152]);
  });

  it('is a permutation of 0..n-1', () => {
    const p = Array.from(permutation(createRng(5), 257)).sort((a, b) => a - b);
    expect(p).toEqual(Array.from({ length: 257 }, (_, i) => i));
  });
});
