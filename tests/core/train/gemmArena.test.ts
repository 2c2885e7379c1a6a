import { afterEach, describe, expect, it } from 'vitest';
import { createRng, gemm, setTrainSimd } from '@resnet/core';
import { bothWays, expectSameBits, normal } from '../helpers/bothWays.js';

// gemm on operands in an arena runs gemm.wat in place (the training case); each case is run both ways from
// the same inputs and must agree bit for bit with the JS kernel, and with naive sums to rounding.

afterEach(() => setTrainSimd(true));

describe('gemm in an arena', () => {
  // Whole and edge tiles, k in 1..3 blocks of at most 256, m past 128 and n past 256 (the packing blocks).
  const shapes: [number, number, number][] = [
    [128, 64, 64],
    [128, 64, 784],
    [64, 784, 128],
    [37, 13, 300],
    [131, 261, 9],
    [3, 5, 7],
    [1, 1, 1],
  ];
  for (const [m, n, k] of shapes) {
    for (const [tA, tB] of [
      [false, true],
      [false, false],
      [true, false],
      [true, true],
    ] as const) {
      it(`${m}x${n}x${k}, transA ${tA}, transB ${tB}, with bias and beta: same bits both ways, naive sums`, () => {
        const pad = (m + n) % 3;
        const [lda, ldb, ldc] = [(tA ? m : k) + pad, (tB ? k : n) + pad, n + pad];
        const init = {
          a: normal(1, (tA ? k : m) * lda),
          b: normal(2, (tB ? n : k) * ldb),
          c: normal(3, m * ldc),
          bias: normal(4, n),
        };
        const { wasm, js } = bothWays(init, (x) =>
          gemm(tA, tB, m, n, k, 0.75, x.a, lda, x.b, ldb, -0.5, x.c, ldc, x.bias),
        );
        expectSameBits(wasm, js);
        let worst = 0;
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < ldc; j++) {
            if (j >= n) {
              expect(wasm.c[i * ldc + j]).toBe(init.c[i * ldc + j]);
              continue;
            }
            let s = 0;
            for (let p = 0; p < k; p++)
              s += (tA ? init.a[p * lda + i] : init.a[i * lda + p]) * (tB ? init.b[j * ldb + p] : init.b[p * ldb + j]);
            const expected = 0.75 * s - 0.5 * init.c[i * ldc + j] + init.bias[j];
            worst = Math.max(worst, Math.abs(wasm.c[i * ldc + j] - expected) / (1 + Math.abs(expected)));
          }
        }
        expect(worst).toBeLessThan(1e-12);
      });
    }
  }

  /** Normals with about `zeros` of the values ±0 (in runs along each row, as image borders are). */
  function sparse(seed: number, n: number, zeros: number): Float64Array {
    const x = normal(seed, n);
    const rng = createRng(seed + 1);
    for (let i = 0; i < n; i++) if (rng.uniform() < zeros || (i % 29) * 29 < zeros * 841) x[i] = i % 3 ? 0 : -0;
    return x;
  }

  // A sparse operand lets gemm.wat skip the steps whose lanes are all zero; the sums must not change.
  for (const [what, zerosA, zerosB] of [
    ['A sparse (the first layer forward: x·Wᵀ)', 0.8, 0],
    ['B sparse (the first layer dW: dYᵀ·x)', 0, 0.8],
    ['both sparse', 0.6, 0.7],
    ['A all zero', 1, 0],
  ] as const) {
    for (const [m, n, k, tA, tB] of [
      [128, 64, 784, false, true],
      [64, 784, 128, true, false],
      [37, 13, 300, false, false],
      [6, 5, 9, true, true],
    ] as const) {
      it(`${what}, ${m}x${n}x${k}: same bits as the JS kernel's full sums, naive sums`, () => {
        const [lda, ldb] = [tA ? m : k, tB ? k : n];
        const init = {
          a: zerosA ? sparse(40, m * k, zerosA) : normal(40, m * k),
          b: zerosB ? sparse(41, k * n, zerosB) : normal(41, k * n),
          c: normal(42, m * n),
          bias: normal(43, n),
        };
        const { wasm, js } = bothWays(init, (x) => gemm(tA, tB, m, n, k, 1, x.a, lda, x.b, ldb, 0, x.c, n, x.bias));
        expectSameBits(wasm, js);
        for (let i = 0; i < m; i += 7) {
          for (let j = 0; j < n; j += 3) {
            let s = 0;
            for (let p = 0; p < k; p++)
              s += (tA ? init.a[p * lda + i] : init.a[i * lda + p]) * (tB ? init.b[j * ldb + p] : init.b[p * ldb + j]);
            expect(wasm.c[i * n + j]).toBeCloseTo(s + init.bias[j], 10);
          }
        }
      });
    }
  }

  it('does not skip zeros of one operand where the other holds an infinity or NaN (0·inf is NaN)', () => {
    const [m, n, k] = [8, 8, 64];
    const a = sparse(44, m * k, 0.9);
    const b = normal(45, k * n);
    // A column of op(A) all zero meets an infinity in B, a NaN of A meets finite B.
    for (let i = 0; i < m; i++) a[i * k + 5] = 0;
    b[5 * n + 2] = Number.POSITIVE_INFINITY;
    a[3 * k + 9] = Number.NaN;
    const { wasm, js } = bothWays({ a, b, c: new Float64Array(m * n) }, (x) =>
      gemm(false, false, m, n, k, 1, x.a, k, x.b, n, 0, x.c, n),
    );
    expectSameBits(wasm, js);
    for (let i = 0; i < m; i++) expect(wasm.c[i * n + 2]).toBeNaN();
    expect(wasm.c.filter(Number.isNaN).length).toBe(m + n - 1);
  });

  it('overwrites NaN in C when beta is 0', () => {
    const init = { a: normal(5, 6 * 10), b: normal(6, 10 * 7), c: new Float64Array(6 * 7).fill(Number.NaN) };
    const { wasm } = bothWays(init, (x) => gemm(false, false, 6, 7, 10, 1, x.a, 10, x.b, 7, 0, x.c, 7));
    expect(wasm.c.every(Number.isFinite)).toBe(true);
  });
});
