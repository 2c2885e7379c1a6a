import { MnistPackageError } from './errors.js';

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses the first JSON array of plain decimals (`[0,0.2,0.624,...]`, no signs or exponents) in `bytes`
 * into out[offset..]; returns how many numbers it wrote. Twice as fast as JSON.parse and no boxed array.
 * Exact: m / 10^k with m < 2^53 and k <= 15 is one correctly rounded division, the double JSON.parse gives.
 */
export function parseNumberArray(file: string, bytes: Uint8Array, out: Float64Array, offset: number): number {
  const n = bytes.length;
  let i = bytes.indexOf(0x5b) + 1; // '['
  if (i === 0) throw new MnistPackageError(file, 'no JSON array found');
  let o = offset;
  while (i < n) {
    let c = bytes[i]!;
    if (c === 0x5d) return o - offset; // ']'
    if (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      i++;
      continue;
    }
    // 1. One number: digits, at most one '.', more digits.
    let m = 0;
    let k = -1;
    const start = i;
    for (; i < n; i++) {
      c = bytes[i]!;
      if (c >= 0x30 && c <= 0x39) {
        m = m * 10 + (c - 0x30);
        if (k >= 0) k++;
      } else if (c === 0x2e && k < 0) k = 0;
      else break;
    }
    // 2. Anything else (a sign, an exponent, a too long number) is not the format this loader reads.
    if (i === start || k === 0 || k >= POW10.length || m > Number.MAX_SAFE_INTEGER) {
      throw new MnistPackageError(file, `unexpected text at byte ${start} (plain decimals expected)`);
    }
    if (o >= out.length) throw new MnistPackageError(file, `more than the ${out.length - offset} values expected`);
    out[o++] = k > 0 ? m / POW10[k]! : m;
  }
  throw new MnistPackageError(file, 'the array is not closed');
}
