import type { LegacyRandomState } from '../rng.js';

/** numpy's legacy random_interval: a uniform integer in [0, max] by masked rejection of 32-bit draws. */
export function randomInterval(rng: LegacyRandomState, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do value = (rng.nextUint32() & mask) >>> 0;
  while (value > max);
  return value;
}

/** Fills out[0..n) with `RandomState.permutation(n)`, bit for bit: 0..n-1 then numpy's Fisher-Yates shuffle. */
export function permutation(rng: LegacyRandomState, n: number, out: Int32Array = new Int32Array(n)): Int32Array {
  for (let i = 0; i < n; i++) out[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = randomInterval(rng, i);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}
