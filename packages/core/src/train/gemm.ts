// A blocked, cache-aware GEMM on Float64Array. Where WebAssembly SIMD is available it runs gemm.wat
// (kernels.ts, f64x2: about twice what scalar JS reaches here): in place when A, B, C and the bias live in a
// memory the kernels are bound to (a model's arena), else after copying them into this thread's scratch
// memory. Elsewhere it runs gemmJs.ts. Both split k into the same equal blocks (784 = 4×196, not 3×256 + 16:
// no thin tail block pays a pass over C for little work), sum each entry in order within a block, store
// alpha·sum or beta·C + alpha·sum, and add the bias last, so their results are bit-identical.
import { createWasmMemory, WASM_PAGE, type WasmMemory } from './instantiate.js';
import { addBias, type GemmArgs, gemmJs, scaleC } from './gemmJs.js';
import { bindTrainWasm, type TrainWasm, trainKernel, WASM_WORK_BYTES, wasmFor } from './kernels.js';

/** Most depth per k-block. */
const KC = 256;

/**
 * C[m×n] = alpha·op(A)·op(B) + beta·C, all row-major with leading dimensions lda, ldb, ldc;
 * op(A) is m×k (A stored k×m when transA), op(B) is k×n (B stored n×k when transB); then, when bias is
 * given, C[i, j] += bias[j] (the dense layer's forward in one call). With beta = 0, C is overwritten (NaNs
 * in C do not propagate), as BLAS does.
 */
export function gemm(...args: GemmArgs): Float64Array {
  const [transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bias = null] = args;
  if (m === 0 || n === 0) return c;
  if (k === 0 || alpha === 0) {
    scaleC(c, m, n, ldc, beta);
    if (bias !== null) addBias(c, m, n, ldc, bias);
    return c;
  }
  const kStep = Math.ceil(k / Math.ceil(k / KC));
  const wasm = wasmFor(a, b, c, bias ?? undefined);
  if (wasm !== undefined) {
    const biasAt = bias === null ? -1 : bias.byteOffset;
    const at = a.byteOffset;
    const bt = b.byteOffset;
    wasm.gemm(+transA, +transB, m, n, k, alpha, at, lda, bt, ldb, beta, c.byteOffset, ldc, biasAt, wasm.work);
  } else if (trainKernel() === 'wasm-simd') {
    gemmViaScratch(...args);
  } else {
    gemmJs(kStep, ...args);
  }
  return c;
}

/** This thread's scratch memory for operands from elsewhere, grown as needed (made on first use). */
let scratch: { memory: WasmMemory; wasm: TrainWasm } | null = null;

/** The scratch memory with at least `bytes` after the kernels' work area. */
function scratchFor(bytes: number): { memory: WasmMemory; wasm: TrainWasm } {
  const need = WASM_WORK_BYTES + bytes;
  if (scratch === null) {
    const memory = createWasmMemory(need)!;
    scratch = { memory, wasm: bindTrainWasm(memory)! };
  } else if (scratch.memory.buffer.byteLength < need) {
    // The instances keep working on the grown memory; only views of the old buffer go stale.
    scratch.memory.grow(Math.ceil((need - scratch.memory.buffer.byteLength) / WASM_PAGE));
  }
  return scratch;
}

/** Elements of a row-major operand of `rows` rows of `cols` at leading dimension ld, as stored. */
function extent(rows: number, cols: number, ld: number): number {
  return (rows - 1) * ld + cols;
}

/** gemm.wat on copies: A, B, C (when beta ≠ 0) and the bias go into the scratch memory, C comes back. */
function gemmViaScratch(...args: GemmArgs): void {
  const [transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bias = null] = args;
  // 1. Place the copies (64-byte aligned) after the work area and make the memory big enough.
  const lengths = [
    transA ? extent(k, m, lda) : extent(m, k, lda),
    transB ? extent(n, k, ldb) : extent(k, n, ldb),
    extent(m, n, ldc),
    bias === null ? 0 : n,
  ];
  const at: number[] = [];
  let next = WASM_WORK_BYTES;
  for (const length of lengths) {
    at.push(next);
    next += Math.ceil((length * 8) / 64) * 64;
  }
  const { memory, wasm } = scratchFor(next - WASM_WORK_BYTES);
  const [as, bs, cs, biasS] = lengths.map((length, i) => new Float64Array(memory.buffer, at[i], length));
  // 2. Copy in, multiply, copy C back (its padding columns stay as they were).
  as.set(a.subarray(0, lengths[0]));
  bs.set(b.subarray(0, lengths[1]));
  if (beta !== 0) cs.set(c.subarray(0, lengths[2]));
  if (bias !== null) biasS.set(bias.subarray(0, n));
  const biasAt = bias === null ? -1 : at[3];
  wasm.gemm(+transA, +transB, m, n, k, alpha, at[0], lda, at[1], ldb, beta, at[2], ldc, biasAt, wasm.work);
  if (ldc === n) c.set(cs.subarray(0, m * n));
  else for (let i = 0; i < m; i++) c.set(cs.subarray(i * ldc, i * ldc + n), i * ldc);
}
