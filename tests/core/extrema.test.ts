import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from '@resnet/core';

describe('maxOf, minOf, pushAll: Math.max/min and push without spreading a list into the call', () => {
  it('give what the spread gives: empty lists, NaN, signed zeros, infinities', () => {
    const lists = [[], [3], [1, 5, 2], [-1, Number.NaN, 4], [-0, 0], [0, -0], [-Infinity], [Infinity, 2], [-3, -7]];
    for (const list of lists) {
      expect(Object.is(maxOf(list), Math.max(...list)), `max ${list}`).toBe(true);
      expect(Object.is(minOf(list), Math.min(...list)), `min ${list}`).toBe(true);
    }
  });

  it('take a list the spread cannot (a million values overflow the stack as arguments)', () => {
    const big = Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    expect(() => Math.max(...big)).toThrow(RangeError);
    let largest = -Infinity; // an independent reference: a plain loop
    for (const v of big) if (v > largest) largest = v;
    expect(maxOf(big)).toBe(largest);
    expect(minOf(big)).toBe(0);
    const into = [1];
    expect(pushAll(into, big)).toBe(into);
    expect(into.length).toBe(1_000_001);
    expect(into[1_000_000]).toBe(big.at(-1));
  });
});
