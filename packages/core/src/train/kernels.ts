// The training kernels in WebAssembly SIMD (gemm.wat, batchNorm.wat, elementwise.wat beside this file), bound to one
// memory at a time: a model's arena (arena.ts) or gemm's scratch memory. The kernels' JS functions (gemm,
// batchNormTrainForward, reluForward, ...) ask wasmFor whether every array of a call lives in a memory the
// kernels are bound to; if so the call runs in WebAssembly on byte offsets, else (other arrays, no
// WebAssembly SIMD here, or setTrainSimd(false)) in JS. Both compute the same operations in the same order,
// so the results are bit-identical, which tests/core/train check kernel by kernel and for whole runs.
import { BYTES as batchNormBytes } from './batchNormBytes.js';
import { BYTES as elementwiseBytes } from './elementwiseBytes.js';
import { BYTES as gemmBytes } from './gemmBytes.js';
import { createWasmMemory, instantiateWasm, type WasmMemory } from './instantiate.js';

/** Scratch the GEMM kernel needs in its memory (gemm.wat: the spilled tile, the packs of A and B, their step lists). */
export const WASM_WORK_BYTES = 885248;

/** The WebAssembly kernels bound to one memory; every address is a byte offset into it, counts in elements. */
export interface TrainWasm {
  /** The memory's buffer: arrays on it can be passed (by byteOffset). */
  readonly buffer: ArrayBuffer;
  /** Byte offset of WASM_WORK_BYTES of scratch (the GEMM's; BatchNorm's backward borrows it). */
  readonly work: number;
  /** gemm.wat: C = alpha·op(A)·op(B) + beta·C (+ bias unless -1), flags 0/1. */
  readonly gemm: (
    tA: number,
    tB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    beta: number,
    c: number,
    ldc: number,
    bias: number,
    work: number,
  ) => void;
  /** batchNorm.wat's per-feature mean, biased variance and 1/sqrt(variance + eps). */
  readonly moments: (x: number, batch: number, dim: number, eps: number, mean: number, v: number, s: number) => void;
  /** batchNorm.wat: xhat and y = gamma·xhat + beta (ReLU'd when relu is 1). */
  readonly normalize: (
    x: number,
    batch: number,
    dim: number,
    mean: number,
    invStd: number,
    gamma: number,
    beta: number,
    xhat: number,
    y: number,
    relu: number,
  ) => void;
  /** batchNorm.wat: train- or eval-mode backward, through the ReLU when relu is 1 (work: 3·dim values). */
  readonly backward: (
    dY: number,
    y: number,
    xhat: number,
    invStd: number,
    gamma: number,
    batch: number,
    dim: number,
    training: number,
    relu: number,
    dGamma: number,
    dBeta: number,
    dX: number,
    work: number,
  ) => void;
  readonly relu: (x: number, n: number, y: number) => void;
  readonly reluBackward: (x: number, dY: number, n: number, dX: number) => void;
  readonly addScaled: (x: number, f: number, scale: number, n: number, y: number) => void;
  readonly scale: (x: number, scale: number, n: number, y: number) => void;
  readonly add: (a: number, b: number, n: number, y: number) => void;
  readonly columnSums: (x: number, rows: number, dim: number, out: number) => void;
  readonly sgd: (
    value: number,
    grad: number,
    buf: number,
    n: number,
    lr: number,
    momentum: number,
    weightDecay: number,
    first: number,
  ) => void;
}

/** Kernels by the buffer of the memory they are bound to. */
const bound = new WeakMap<object, TrainWasm>();
let preferSimd = true;
let available: boolean | undefined;

/**
 * Binds the kernels to a memory whose first WASM_WORK_BYTES are their scratch, and registers the memory's
 * buffer so wasmFor finds them; undefined where WebAssembly SIMD is unavailable. The memory must not grow
 * while arrays on it are in use (growing replaces the buffer).
 */
export function bindTrainWasm(memory: WasmMemory): TrainWasm | undefined {
  const gemm = instantiateWasm(gemmBytes, memory);
  const norm = instantiateWasm(batchNormBytes, memory);
  const ew = instantiateWasm(elementwiseBytes, memory);
  if (gemm === undefined || norm === undefined || ew === undefined) return undefined;
  const kernels = { buffer: memory.buffer, work: 0, ...gemm, ...norm, ...ew } as unknown as TrainWasm;
  bound.set(memory.buffer, kernels);
  return kernels;
}

/** Whether this runtime runs the WebAssembly SIMD kernels (tried once per thread). */
export function trainSimdAvailable(): boolean {
  if (available === undefined) {
    const memory = createWasmMemory(WASM_WORK_BYTES);
    available = memory !== undefined && instantiateWasm(gemmBytes, memory) !== undefined;
  }
  return available;
}

/** Which kernels training runs: 'wasm-simd' where WebAssembly SIMD is available (and not turned off), else 'js'. */
export function trainKernel(): 'wasm-simd' | 'js' {
  return preferSimd && trainSimdAvailable() ? 'wasm-simd' : 'js';
}

/** Forces the JS kernels (false) or restores WebAssembly SIMD where available (true); for tests and benches. */
export function setTrainSimd(enabled: boolean): void {
  preferSimd = enabled;
}

/**
 * The kernels bound to the memory every given array lives in, or undefined (then the caller runs its JS
 * code). Fixed parameters rather than a rest array: it runs once per kernel call, and allocates nothing.
 */
export function wasmFor(
  a: Float64Array,
  b?: Float64Array,
  c?: Float64Array,
  d?: Float64Array,
  e?: Float64Array,
  f?: Float64Array,
  g?: Float64Array,
  h?: Float64Array,
): TrainWasm | undefined {
  if (!preferSimd) return undefined;
  const kernels = bound.get(a.buffer);
  if (kernels === undefined) return undefined;
  const buffer = kernels.buffer;
  const all =
    (b === undefined || b.buffer === buffer) &&
    (c === undefined || c.buffer === buffer) &&
    (d === undefined || d.buffer === buffer) &&
    (e === undefined || e.buffer === buffer) &&
    (f === undefined || f.buffer === buffer) &&
    (g === undefined || g.buffer === buffer) &&
    (h === undefined || h.buffer === buffer);
  return all ? kernels : undefined;
}
