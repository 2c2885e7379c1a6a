// The GEMM's macro-kernel as WebAssembly SIMD (f64x2: two float64 lanes per multiply and add), about
// twice what scalar JS reaches; gemm.ts falls back to its JS kernel where WebAssembly SIMD is missing.
// One call runs a 4×4 register tile over every (A panel, B panel) pair of a packed block and stores
// each tile into a C block in the same memory, so the JS side makes one call per block, not one per
// tile. 4×4, not the JS kernel's 4×8: V8 gives WebAssembly 16 vector registers, and a 4×8 tile's 16
// accumulators plus its B vectors spill (kernel alone at k = 64: 4×8 13.6, 4×4 15.8 GFLOP/s here).
// The bytes below are the WebAssembly text that follows, assembled with wabt 1.0.39 (wat2wasm); the
// kernel sums over p in order and stores alpha·sum or beta·C + alpha·sum with separate multiplies and
// adds, so each C entry equals the JS kernel's.
//
// (module
//   (memory (export "mem") 64)
//   ;; macro(a, b, mc, nc, kc, c, ldc, alpha, beta): for every 4-row panel of the packed A block (at a) and
//   ;; 4-column panel of the packed B block (at b), the 4x4 tile sum_p A (x) B, stored at c + 4i*ldc + 4j*8 as
//   ;; alpha*tile (beta 0) or beta*C + alpha*tile; byte offsets and ldc in bytes, mc and nc multiples of 4.
//   (func (export "macro") (param $pa i32) (param $pb i32) (param $mc i32) (param $nc i32) (param $kc i32)
//     (param $c0 i32) (param $ldc i32) (param $alpha f64) (param $beta f64)
//     (local $jr i32) (local $ir i32) (local $a i32) (local $b i32) (local $p i32) (local $c i32) (local $bcol i32)
//     (local $va v128) (local $vb v128)
//     (local $b0 v128) (local $b1 v128) (local $x v128)
//     (local $c00 v128) (local $c01 v128)
//     (local $c10 v128) (local $c11 v128)
//     (local $c20 v128) (local $c21 v128)
//     (local $c30 v128) (local $c31 v128)
//     (local.set $va (f64x2.splat (local.get $alpha)))
//     (local.set $vb (f64x2.splat (local.get $beta)))
//     (block $jdone (loop $jl
//       (br_if $jdone (i32.ge_u (local.get $jr) (local.get $nc)))
//       (local.set $bcol (i32.add (local.get $pb) (i32.mul (i32.mul (local.get $jr) (local.get $kc)) (i32.const 8))))
//       (local.set $ir (i32.const 0))
//       (block $idone (loop $il
//         (br_if $idone (i32.ge_u (local.get $ir) (local.get $mc)))
//         (local.set $a (i32.add (local.get $pa) (i32.mul (i32.mul (local.get $ir) (local.get $kc)) (i32.const 8))))
//         (local.set $b (local.get $bcol))
//         (local.set $p (i32.const 0))
//         (local.set $c00 (v128.const i64x2 0 0))
//         (local.set $c01 (v128.const i64x2 0 0))
//         (local.set $c10 (v128.const i64x2 0 0))
//         (local.set $c11 (v128.const i64x2 0 0))
//         (local.set $c20 (v128.const i64x2 0 0))
//         (local.set $c21 (v128.const i64x2 0 0))
//         (local.set $c30 (v128.const i64x2 0 0))
//         (local.set $c31 (v128.const i64x2 0 0))
//         (block $kdone (loop $kl
//           (br_if $kdone (i32.ge_u (local.get $p) (local.get $kc)))
//           (local.set $b0 (v128.load offset=0 (local.get $b)))
//           (local.set $b1 (v128.load offset=16 (local.get $b)))
//           (local.set $x (v128.load64_splat offset=0 (local.get $a)))
//           (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
//           (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
//           (local.set $x (v128.load64_splat offset=8 (local.get $a)))
//           (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
//           (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
//           (local.set $x (v128.load64_splat offset=16 (local.get $a)))
//           (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
//           (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
//           (local.set $x (v128.load64_splat offset=24 (local.get $a)))
//           (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
//           (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
//           (local.set $a (i32.add (local.get $a) (i32.const 32)))
//           (local.set $b (i32.add (local.get $b) (i32.const 32)))
//           (local.set $p (i32.add (local.get $p) (i32.const 1)))
//           (br $kl)))
//         (local.set $c (i32.add (i32.add (local.get $c0) (i32.mul (local.get $ir) (local.get $ldc))) (i32.mul (local.get $jr) (i32.const 8))))
//         (if (f64.eq (local.get $beta) (f64.const 0))
//           (then
//             (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c00)))
//             (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c01)))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c10)))
//             (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c11)))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c20)))
//             (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c21)))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.mul (local.get $va) (local.get $c30)))
//             (v128.store offset=16 (local.get $c) (f64x2.mul (local.get $va) (local.get $c31)))
//           )
//           (else
//             (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c00))))
//             (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c01))))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c10))))
//             (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c11))))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c20))))
//             (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c21))))
//             (local.set $c (i32.add (local.get $c) (local.get $ldc)))
//             (v128.store offset=0 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=0 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c30))))
//             (v128.store offset=16 (local.get $c) (f64x2.add (f64x2.mul (local.get $vb) (v128.load offset=16 (local.get $c))) (f64x2.mul (local.get $va) (local.get $c31))))
//           ))
//         (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
//         (br $il)))
//       (local.set $jr (i32.add (local.get $jr) (i32.const 4)))
//       (br $jl)))))

/** The slice of the WebAssembly JS API used here (core compiles without DOM or Node typings). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: Record<string, unknown> };
    }
  | undefined;

/** The assembled module of the text above. */
// biome-ignore format: a byte table
const BYTES = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 13, 1, 96, 9, 127, 127, 127, 127, 127, 127, 127, 124, 124, 0, 3, 2, 1, 0,
  5, 3, 1, 0, 64, 7, 15, 2, 3, 109, 101, 109, 2, 0, 5, 109, 97, 99, 114, 111, 0, 0, 10, 213, 6, 1, 210, 6, 2,
  7, 127, 13, 123, 32, 7, 253, 20, 33, 16, 32, 8, 253, 20, 33, 17, 2, 64, 3, 64, 32, 9, 32, 3, 79, 13, 1, 32,
  1, 32, 9, 32, 4, 108, 65, 8, 108, 106, 33, 15, 65, 0, 33, 10, 2, 64, 3, 64, 32, 10, 32, 2, 79, 13, 1, 32,
  0, 32, 10, 32, 4, 108, 65, 8, 108, 106, 33, 11, 32, 15, 33, 12, 65, 0, 33, 13, 253, 12, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 21, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 22, 253,
  12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 23, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 33, 24, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 25, 253, 12, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 26, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 27,
  253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 33, 28, 2, 64, 3, 64, 32, 13, 32, 4, 79, 13, 1,
  32, 12, 253, 0, 4, 0, 33, 18, 32, 12, 253, 0, 4, 16, 33, 19, 32, 11, 253, 10, 3, 0, 33, 20, 32, 21, 32, 20,
  32, 18, 253, 242, 1, 253, 240, 1, 33, 21, 32, 22, 32, 20, 32, 19, 253, 242, 1, 253, 240, 1, 33, 22, 32, 11,
  253, 10, 3, 8, 33, 20, 32, 23, 32, 20, 32, 18, 253, 242, 1, 253, 240, 1, 33, 23, 32, 24, 32, 20, 32, 19,
  253, 242, 1, 253, 240, 1, 33, 24, 32, 11, 253, 10, 3, 16, 33, 20, 32, 25, 32, 20, 32, 18, 253, 242, 1, 253,
  240, 1, 33, 25, 32, 26, 32, 20, 32, 19, 253, 242, 1, 253, 240, 1, 33, 26, 32, 11, 253, 10, 3, 24, 33, 20,
  32, 27, 32, 20, 32, 18, 253, 242, 1, 253, 240, 1, 33, 27, 32, 28, 32, 20, 32, 19, 253, 242, 1, 253, 240, 1,
  33, 28, 32, 11, 65, 32, 106, 33, 11, 32, 12, 65, 32, 106, 33, 12, 32, 13, 65, 1, 106, 33, 13, 12, 0, 11,
  11, 32, 5, 32, 10, 32, 6, 108, 106, 32, 9, 65, 8, 108, 106, 33, 14, 32, 8, 68, 0, 0, 0, 0, 0, 0, 0, 0, 97,
  4, 64, 32, 14, 32, 16, 32, 21, 253, 242, 1, 253, 11, 4, 0, 32, 14, 32, 16, 32, 22, 253, 242, 1, 253, 11, 4,
  16, 32, 14, 32, 6, 106, 33, 14, 32, 14, 32, 16, 32, 23, 253, 242, 1, 253, 11, 4, 0, 32, 14, 32, 16, 32, 24,
  253, 242, 1, 253, 11, 4, 16, 32, 14, 32, 6, 106, 33, 14, 32, 14, 32, 16, 32, 25, 253, 242, 1, 253, 11, 4,
  0, 32, 14, 32, 16, 32, 26, 253, 242, 1, 253, 11, 4, 16, 32, 14, 32, 6, 106, 33, 14, 32, 14, 32, 16, 32, 27,
  253, 242, 1, 253, 11, 4, 0, 32, 14, 32, 16, 32, 28, 253, 242, 1, 253, 11, 4, 16, 5, 32, 14, 32, 17, 32, 14,
  253, 0, 4, 0, 253, 242, 1, 32, 16, 32, 21, 253, 242, 1, 253, 240, 1, 253, 11, 4, 0, 32, 14, 32, 17, 32, 14,
  253, 0, 4, 16, 253, 242, 1, 32, 16, 32, 22, 253, 242, 1, 253, 240, 1, 253, 11, 4, 16, 32, 14, 32, 6, 106,
  33, 14, 32, 14, 32, 17, 32, 14, 253, 0, 4, 0, 253, 242, 1, 32, 16, 32, 23, 253, 242, 1, 253, 240, 1, 253,
  11, 4, 0, 32, 14, 32, 17, 32, 14, 253, 0, 4, 16, 253, 242, 1, 32, 16, 32, 24, 253, 242, 1, 253, 240, 1,
  253, 11, 4, 16, 32, 14, 32, 6, 106, 33, 14, 32, 14, 32, 17, 32, 14, 253, 0, 4, 0, 253, 242, 1, 32, 16, 32,
  25, 253, 242, 1, 253, 240, 1, 253, 11, 4, 0, 32, 14, 32, 17, 32, 14, 253, 0, 4, 16, 253, 242, 1, 32, 16,
  32, 26, 253, 242, 1, 253, 240, 1, 253, 11, 4, 16, 32, 14, 32, 6, 106, 33, 14, 32, 14, 32, 17, 32, 14, 253,
  0, 4, 0, 253, 242, 1, 32, 16, 32, 27, 253, 242, 1, 253, 240, 1, 253, 11, 4, 0, 32, 14, 32, 17, 32, 14, 253,
  0, 4, 16, 253, 242, 1, 32, 16, 32, 28, 253, 242, 1, 253, 240, 1, 253, 11, 4, 16, 11, 32, 10, 65, 4, 106,
  33, 10, 12, 0, 11, 11, 32, 9, 65, 4, 106, 33, 9, 12, 0, 11, 11, 11,
]);

/** Columns per B panel of the SIMD kernel (its tile is 4×SIMD_NR). */
export const SIMD_NR = 4;

/** The macro-kernel over packed blocks in its own memory. */
export interface SimdKernel {
  /**
   * For every 4-row panel i of the A block at byte a and 4-column panel j of the B block at byte b (kc steps
   * each), stores the 4×4 tile Σₚ A ⊗ B at byte c + 4i·ldc + 32j (ldc in bytes) as alpha·tile when beta is
   * 0, else beta·C + alpha·tile; mc and nc are multiples of 4 (the packs' zero padding).
   */
  readonly macro: (
    a: number,
    b: number,
    mc: number,
    nc: number,
    kc: number,
    c: number,
    ldc: number,
    alpha: number,
    beta: number,
  ) => void;
  /** The kernel's whole memory (64 pages, 4 MiB), where the packs and the C block live. */
  readonly memory: ArrayBuffer;
}

/** Instantiates the kernel synchronously, or undefined where WebAssembly or its SIMD is unavailable. */
export function createSimdKernel(): SimdKernel | undefined {
  try {
    if (typeof WebAssembly === 'undefined') return undefined;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(BYTES));
    const { macro, mem } = instance.exports as { macro: SimdKernel['macro']; mem: { buffer: ArrayBuffer } };
    return { macro, memory: mem.buffer };
  } catch {
    return undefined;
  }
}
