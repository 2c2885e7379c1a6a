// The GEMM's macro-kernel in WebAssembly SIMD (wasm/gemm.wat, compiled into src/wasm/gemmWasm.ts by
// `npm run wasm`): a 4×4 register tile of f64x2 multiplies and adds over every (A panel, B panel) pair of a
// packed block, stored into a C block in the same memory. It sums each entry in the JS kernel's order, so
// gemm.ts's JS fallback (where WebAssembly SIMD is missing) gives bit-identical results.
import { gemmWasm } from '../wasm/gemmWasm.js';
import { instantiateWasm } from '../wasm/instantiate.js';

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
  const exports = instantiateWasm(gemmWasm);
  if (exports === undefined) return undefined;
  const { macro, mem } = exports as { macro: SimdKernel['macro']; mem: { buffer: ArrayBuffer } };
  return { macro, memory: mem.buffer };
}
