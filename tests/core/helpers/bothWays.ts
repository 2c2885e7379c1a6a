import { createArena, createRng, setTrainSimd } from '@resnet/core';
import { expect } from 'vitest';

// Runs a kernel on arrays in an arena twice, with the WebAssembly kernels and with the JS code (setTrainSimd),
// and compares the results bit for bit.

/**
 * The raw bits of an array, so -0 vs 0 counts as a difference; every NaN reads as one NaN, because which of
 * two NaN operands an add passes on depends on the operand order the compiler picks (JS's too).
 */
export function bits(x: Float64Array): BigUint64Array {
  const copy = Float64Array.from(x, (v) => (Number.isNaN(v) ? Number.NaN : v));
  return new BigUint64Array(copy.buffer);
}

export type Arrays = Record<string, Float64Array>;

/**
 * Fills fresh arena arrays from `init`, runs `kernel` on them with WebAssembly, then refills them and runs it
 * with the JS code; returns both runs' final arrays (copies).
 */
export function bothWays(init: Arrays, kernel: (a: Arrays) => void): { wasm: Arrays; js: Arrays } {
  const arena = createArena(1 << 22);
  const live: Arrays = {};
  for (const [name, x] of Object.entries(init)) live[name] = arena.f64(x.length);
  const run = (simd: boolean): Arrays => {
    for (const [name, x] of Object.entries(init)) live[name].set(x);
    setTrainSimd(simd);
    kernel(live);
    setTrainSimd(true);
    return Object.fromEntries(Object.entries(live).map(([name, x]) => [name, Float64Array.from(x)]));
  };
  return { wasm: run(true), js: run(false) };
}

/** Every array of a equals b's bit for bit (the first difference is reported with both values). */
export function expectSameBits(a: Arrays, b: Arrays): void {
  for (const name of Object.keys(a)) {
    const [x, y] = [bits(a[name]), bits(b[name])];
    expect(x.length, name).toBe(y.length);
    const at = x.findIndex((v, i) => v !== y[i]);
    expect(at === -1 ? 'same' : `${name}[${at}]: ${a[name][at]} vs ${b[name][at]}`).toBe('same');
  }
}

export function normal(seed: number, n: number, scale = 1): Float64Array {
  return createRng(seed).fillNormal(new Float64Array(n), 0, n, scale);
}

/** Values that probe the masks: exact zeros of both signs among normals. */
export function withZeros(x: Float64Array): Float64Array {
  for (let i = 0; i < x.length; i += 7) x[i] = i % 2 === 0 ? 0 : -0;
  return x;
}
