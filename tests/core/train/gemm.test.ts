import { describe, expect, it } from 'vitest';
import { createRng, gemm, trainKernel, setTrainSimd } from '@resnet/core';
import { afterAll, beforeAll } from 'vitest';

/** The textbook triple loop, element by element, as the independent reference. */
function naiveGemm(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float64Array,
  lda: number,
  b: Float64Array,
  ldb: number,
  beta: number,
  c: Float64Array,
  ldc: number,
): Float64Array {
  const out = Float64Array.from(c);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += (tA ? a[p * lda + i] : a[i * lda + p]) * (tB ? b[j * ldb + p] : b[p * ldb + j]);
      out[i * ldc + j] = beta === 0 ? alpha * s : alpha * s + beta * c[i * ldc + j];
    }
  }
  return out;
}

/** max |x - y| / max |y|: relative to the largest reference entry, so cancellation cannot inflate it. */
function scaledError(x: Float64Array, y: Float64Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    diff = Math.max(diff, Math.abs(x[i] - y[i]));
    scale = Math.max(scale, Math.abs(y[i]));
  }
  return diff / scale;
}

function run(
  tA: boolean,
  tB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  beta: number,
  pad: number,
  seed: number,
) {
  const rng = createRng(seed);
  const lda = (tA ? m : k) + pad;
  const ldb = (tB ? k : n) + pad;
  const ldc = n + pad;
  const a = rng.fillNormal(new Float64Array((tA ? k : m) * lda));
  const b = rng.fillNormal(new Float64Array((tB ? n : k) * ldb));
  const c = rng.fillNormal(new Float64Array(m * ldc));
  const expected = naiveGemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  const actual = gemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, Float64Array.from(c), ldc);
  return { actual, expected, c };
}

it('runs the WebAssembly SIMD kernel on this Node (WebAssembly SIMD is on by default since Node 16)', () => {
  expect(trainKernel()).toBe('wasm-simd');
});

it('gives bit-identical results with the SIMD and the JS kernel (same summation order per entry)', () => {
  for (const [tA, tB, m, n, k] of [
    [false, true, 128, 64, 784],
    [true, false, 13, 29, 300],
    // the other training shapes (dX, dW of the first layer, the 10-class head), and 131 rows (two row
    // blocks, so the SIMD kernel's C block cannot stay resident across k-blocks)
    [false, false, 128, 64, 64],
    [true, false, 64, 784, 128],
    [false, true, 128, 10, 64],
    [true, false, 10, 64, 128],
    [true, true, 131, 9, 513],
  ] as const) {
    const rng = createRng(m + n + k);
    const a = rng.fillNormal(new Float64Array(m * k));
    const b = rng.fillNormal(new Float64Array(k * n));
    const c0 = rng.fillNormal(new Float64Array(m * n));
    const [lda, ldb] = [tA ? m : k, tB ? k : n];
    const withSimd = gemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 0.25, Float64Array.from(c0), n);
    setTrainSimd(false);
    const withJs = gemm(tA, tB, m, n, k, 0.5, a, lda, b, ldb, 0.25, Float64Array.from(c0), n);
    setTrainSimd(true);
    expect(Array.from(withSimd)).toEqual(Array.from(withJs));
  }
});

// Every case runs under both micro-kernels: WebAssembly SIMD and the JS fallback.
for (const simd of [true, false]) {
  describe(`gemm (${simd ? 'wasm-simd' : 'js'} kernel)`, () => {
    beforeAll(() => setTrainSimd(simd));
    afterAll(() => setTrainSimd(true));

    // Odd sizes exercise the zero-padded edge tiles (4-row A panels, 8-column B panels, 4-column for SIMD); 300, 257 and 513
    // split k into 2 or 3 equal blocks (KC = 256), 1030 and 1031 cross NC = 1024, 131 crosses MC = 128.
    const shapes: [number, number, number][] = [
      [6, 9, 257],
      [131, 8, 513],
      [8, 1031, 5],
      [4, 7, 2],
      [1, 1, 1],
      [3, 5, 7],
      [4, 4, 4],
      [17, 13, 9],
      [128, 64, 784 - 1],
      [130, 33, 300],
      [5, 1030, 3],
      [129, 10, 64],
    ];
    for (const [m, n, k] of shapes) {
      for (const [tA, tB] of [
        [false, false],
        [false, true],
        [true, false],
        [true, true],
      ] as const) {
        it(`matches the naive triple loop for ${m}x${n}x${k}, transA ${tA}, transB ${tB}`, () => {
          const { actual, expected } = run(tA, tB, m, n, k, 0.75, -0.5, (m + n) % 3, m * 1000 + n + k);
          expect(scaledError(actual, expected)).toBeLessThan(1e-12);
        });
      }
    }

    it('leaves the padding columns of C untouched', () => {
      const { actual, c } = run(false, true, 9, 6, 11, 1, 1, 2, 5);
      for (let i = 0; i < 9; i++) for (let j = 6; j < 8; j++) expect(actual[i * 8 + j]).toBe(c[i * 8 + j]);
    });

    it('overwrites C when beta is 0, so NaN in C does not propagate', () => {
      const a = new Float64Array([1, 2, 3, 4]);
      const c = new Float64Array([NaN, NaN, NaN, NaN]);
      gemm(false, false, 2, 2, 2, 1, a, 2, a, 2, 0, c, 2);
      expect(Array.from(c)).toEqual([7, 10, 15, 22]);
    });

    it('overwrites NaN in C with beta 0 on partial edge tiles and across k-blocks', () => {
      const rng = createRng(11);
      const [m, n, k] = [7, 11, 300];
      const a = rng.fillNormal(new Float64Array(m * k));
      const b = rng.fillNormal(new Float64Array(n * k));
      const expected = naiveGemm(false, true, m, n, k, 2, a, k, b, k, 0, new Float64Array(m * n), n);
      const actual = gemm(false, true, m, n, k, 2, a, k, b, k, 0, new Float64Array(m * n).fill(NaN), n);
      expect(scaledError(actual, expected)).toBeLessThan(1e-12);
    });

    it('scales C by beta when k is 0', () => {
      const c = new Float64Array([1, 2, 3]);
      gemm(false, false, 1, 3, 0, 1, new Float64Array(0), 0, new Float64Array(0), 3, 2, c, 3);
      expect(Array.from(c)).toEqual([2, 4, 6]);
    });
  });
}
