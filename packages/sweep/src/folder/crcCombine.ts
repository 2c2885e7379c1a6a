// crc32_combine of zlib (crc32.c, 1.2.12's method: multiply by x^(8·len) modulo the CRC polynomial, with a table of
// x^(2^n)), ported to JavaScript: the crc32 of A+B from crc32(A), crc32(B) and B's length, without reading A or B.
// Workers checksum their own bytes; the main thread only combines (a few hundred operations per combine).

const POLY = 0xedb88320;

/** a·b modulo the CRC polynomial (reflected bit order); a is not 0. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** X2N[n] = x^(2^n) modulo the polynomial. */
const X2N = new Uint32Array(32);
X2N[0] = 0x40000000; // x^1
for (let n = 1; n < 32; n++) X2N[n] = multModP(X2N[n - 1]!, X2N[n - 1]!);

/** x^(n·2^k) modulo the polynomial, for a non-negative integer n below 2^53. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** crc32 of the concatenation A+B, given crc32(A), crc32(B) and the byte length of B. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  if (lengthB <= 0) return crcA >>> 0;
  return (multModP(x2nModP(lengthB, 3), crcA >>> 0) ^ crcB) >>> 0;
}
