// The GEMM's 4×8 micro-kernel as WebAssembly SIMD (f64x2: two float64 lanes per multiply and add),
// about twice what scalar JS reaches; gemm.ts falls back to its JS kernel where WebAssembly SIMD is
// missing. The bytes below are the WebAssembly text format that follows, assembled with wabt
// (wat2wasm --enable-simd); the kernel sums over p in order, so each C entry equals the JS kernel's.
//
// (module
//   (memory (export "mem") 64)
//   ;; tile(a, b, kc, c): c[0..32) = sum_p A[a + 32p .. 4 doubles] (x) B[b + 64p .. 8 doubles], byte offsets
//   (func (export "tile") (param $a i32) (param $b i32) (param $kc i32) (param $c i32)
//     (local $p i32)
//     (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $x v128)
//     (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128)
//     (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
//     (local $c20 v128) (local $c21 v128) (local $c22 v128) (local $c23 v128)
//     (local $c30 v128) (local $c31 v128) (local $c32 v128) (local $c33 v128)
//     (block $done (loop $k
//       (br_if $done (i32.ge_u (local.get $p) (local.get $kc)))
//       (local.set $b0 (v128.load offset=0 (local.get $b)))
//       (local.set $b1 (v128.load offset=16 (local.get $b)))
//       (local.set $b2 (v128.load offset=32 (local.get $b)))
//       (local.set $b3 (v128.load offset=48 (local.get $b)))
//       (local.set $x (f64x2.splat (f64.load offset=0 (local.get $a))))
//       (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
//       (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
//       (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $b2))))
//       (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $x) (local.get $b3))))
//       (local.set $x (f64x2.splat (f64.load offset=8 (local.get $a))))
//       (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
//       (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
//       (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $b2))))
//       (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $x) (local.get $b3))))
//       (local.set $x (f64x2.splat (f64.load offset=16 (local.get $a))))
//       (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $b0))))
//       (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $b1))))
//       (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $b2))))
//       (local.set $c23 (f64x2.add (local.get $c23) (f64x2.mul (local.get $x) (local.get $b3))))
//       (local.set $x (f64x2.splat (f64.load offset=24 (local.get $a))))
//       (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $b0))))
//       (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $b1))))
//       (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $b2))))
//       (local.set $c33 (f64x2.add (local.get $c33) (f64x2.mul (local.get $x) (local.get $b3))))
//       (local.set $a (i32.add (local.get $a) (i32.const 32)))
//       (local.set $b (i32.add (local.get $b) (i32.const 64)))
//       (local.set $p (i32.add (local.get $p) (i32.const 1)))
//       (br $k)))
//     (v128.store offset=0 (local.get $c) (local.get $c00)) (v128.store offset=16 (local.get $c) (local.get $c01))
//     (v128.store offset=32 (local.get $c) (local.get $c02)) (v128.store offset=48 (local.get $c) (local.get $c03))
//     (v128.store offset=64 (local.get $c) (local.get $c10)) (v128.store offset=80 (local.get $c) (local.get $c11))
//     (v128.store offset=96 (local.get $c) (local.get $c12)) (v128.store offset=112 (local.get $c) (local.get $c13))
//     (v128.store offset=128 (local.get $c) (local.get $c20)) (v128.store offset=144 (local.get $c) (local.get $c21))
//     (v128.store offset=160 (local.get $c) (local.get $c22)) (v128.store offset=176 (local.get $c) (local.get $c23))
//     (v128.store offset=192 (local.get $c) (local.get $c30)) (v128.store offset=208 (local.get $c) (local.get $c31))
//     (v128.store offset=224 (local.get $c) (local.get $c32)) (v128.store offset=240 (local.get $c) (local.get $c33)))
// )

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
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 4, 127, 127, 127, 127, 0, 3, 2, 1, 0, 5, 3,
  1, 0, 64, 7, 14, 2, 3, 109, 101, 109, 2, 0, 4, 116, 105, 108, 101, 0, 0, 10, 218, 3, 1, 215,
  3, 2, 1, 127, 21, 123, 2, 64, 3, 64, 32, 4, 32, 2, 79, 13, 1, 32, 1, 253, 0, 4, 0, 33,
  5, 32, 1, 253, 0, 4, 16, 33, 6, 32, 1, 253, 0, 4, 32, 33, 7, 32, 1, 253, 0, 4, 48, 33,
  8, 32, 0, 43, 3, 0, 253, 20, 33, 9, 32, 10, 32, 9, 32, 5, 253, 242, 1, 253, 240, 1, 33, 10,
  32, 11, 32, 9, 32, 6, 253, 242, 1, 253, 240, 1, 33, 11, 32, 12, 32, 9, 32, 7, 253, 242, 1, 253,
  240, 1, 33, 12, 32, 13, 32, 9, 32, 8, 253, 242, 1, 253, 240, 1, 33, 13, 32, 0, 43, 3, 8, 253,
  20, 33, 9, 32, 14, 32, 9, 32, 5, 253, 242, 1, 253, 240, 1, 33, 14, 32, 15, 32, 9, 32, 6, 253,
  242, 1, 253, 240, 1, 33, 15, 32, 16, 32, 9, 32, 7, 253, 242, 1, 253, 240, 1, 33, 16, 32, 17, 32,
  9, 32, 8, 253, 242, 1, 253, 240, 1, 33, 17, 32, 0, 43, 3, 16, 253, 20, 33, 9, 32, 18, 32, 9,
  32, 5, 253, 242, 1, 253, 240, 1, 33, 18, 32, 19, 32, 9, 32, 6, 253, 242, 1, 253, 240, 1, 33, 19,
  32, 20, 32, 9, 32, 7, 253, 242, 1, 253, 240, 1, 33, 20, 32, 21, 32, 9, 32, 8, 253, 242, 1, 253,
  240, 1, 33, 21, 32, 0, 43, 3, 24, 253, 20, 33, 9, 32, 22, 32, 9, 32, 5, 253, 242, 1, 253, 240,
  1, 33, 22, 32, 23, 32, 9, 32, 6, 253, 242, 1, 253, 240, 1, 33, 23, 32, 24, 32, 9, 32, 7, 253,
  242, 1, 253, 240, 1, 33, 24, 32, 25, 32, 9, 32, 8, 253, 242, 1, 253, 240, 1, 33, 25, 32, 0, 65,
  32, 106, 33, 0, 32, 1, 65, 192, 0, 106, 33, 1, 32, 4, 65, 1, 106, 33, 4, 12, 0, 11, 11, 32,
  3, 32, 10, 253, 11, 4, 0, 32, 3, 32, 11, 253, 11, 4, 16, 32, 3, 32, 12, 253, 11, 4, 32, 32,
  3, 32, 13, 253, 11, 4, 48, 32, 3, 32, 14, 253, 11, 4, 64, 32, 3, 32, 15, 253, 11, 4, 80, 32,
  3, 32, 16, 253, 11, 4, 96, 32, 3, 32, 17, 253, 11, 4, 112, 32, 3, 32, 18, 253, 11, 4, 128, 1,
  32, 3, 32, 19, 253, 11, 4, 144, 1, 32, 3, 32, 20, 253, 11, 4, 160, 1, 32, 3, 32, 21, 253, 11,
  4, 176, 1, 32, 3, 32, 22, 253, 11, 4, 192, 1, 32, 3, 32, 23, 253, 11, 4, 208, 1, 32, 3, 32,
  24, 253, 11, 4, 224, 1, 32, 3, 32, 25, 253, 11, 4, 240, 1, 11,
]);

/** A 4×8 tile kernel over packed panels in its own memory, with Float64Array views of that memory. */
export interface SimdTile {
  /** tile = Σₚ A[a + 32p ..4 values] ⊗ B[b + 64p ..8 values] (byte offsets into the memory), row-major 4×8 at c. */
  readonly tile: (a: number, b: number, kc: number, c: number) => void;
  /** The kernel's whole memory (64 pages, 4 MiB), where the packs and the tile live. */
  readonly memory: ArrayBuffer;
}

/** Instantiates the kernel synchronously, or undefined where WebAssembly or its SIMD is unavailable. */
export function createSimdTile(): SimdTile | undefined {
  try {
    if (typeof WebAssembly === 'undefined') return undefined;
    const instance = new WebAssembly.Instance(new WebAssembly.Module(BYTES));
    const { tile, mem } = instance.exports as { tile: SimdTile['tile']; mem: { buffer: ArrayBuffer } };
    return { tile, memory: mem.buffer };
  } catch {
    return undefined;
  }
}
