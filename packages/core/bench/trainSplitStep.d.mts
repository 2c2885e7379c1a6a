// Types of trainSplitStep.mjs (plain JS so that its worker thread can load it).

/** One dense layer's arrays: byte offsets in the step's memory. */
export interface StepLayer {
  inDim: number;
  out: number;
  w: number;
  dw: number;
  y: number;
  dy: number;
  dx: number;
}
/** The step's arrays in the memory (byte offsets). */
export interface StepLayout {
  x: number;
  layers: StepLayer[];
  barrier: number;
  start: number;
  bytes: number;
}
export const WORK: number;
export const BATCH: number;
export const INPUTS: number;
export const WIDTH: number;
export const CLASSES: number;
export const DEPTH: number;
export const MAX_THREADS: number;
/** A compiled WebAssembly module, and a shared WebAssembly memory (opaque here: they only travel to workers). */
export type SharedModule = object;
export interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
}
/** The training GEMM's export: (tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc, bias, work), byte offsets. */
export type Gemm = (...args: number[]) => void;
/** gemm.wat compiled against a shared memory import. */
export function sharedGemmModule(): Promise<SharedModule>;
/** The GEMM of the module on the memory. */
export function gemmOn(module: SharedModule, memory: SharedMemory): Gemm;
export function stepLayout(): StepLayout;
export function stepMemory(layout: StepLayout): SharedMemory;
/** A barrier of `size` threads on i32 [arrived, sense]: spins `spin` reads, then sleeps. */
export function createBarrier(i32: Int32Array, size: number, spin: number): () => void;
/** Thread `rank` of `size`'s share of one step's GEMMs. */
export function splitStep(gemm: Gemm, layout: StepLayout, rank: number, size: number, barrier: () => void): void;
