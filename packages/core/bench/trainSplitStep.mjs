// The measurement behind the decision on issue 17's "a single run uses every core": the GEMMs of one training step
// of a plain 32-layer MLP (batch 128, width 64, 784 inputs, 10 classes) on one shared WebAssembly memory, computed
// by one thread, or split by output features between threads (each thread its columns of y = x·Wᵀ, its rows of
// dW = dYᵀ·x and its columns of dX = dY·W, so no sum is split and the bytes are the same for any thread count)
// with an Atomics barrier after each layer's forward and before each layer's dX. Used by trainSplit.bench.ts and
// its worker, trainSplitWorker.mjs (a worker thread cannot load .ts).
import { readFileSync } from 'node:fs';
import createWabt from 'wabt';

/** Bytes of scratch the GEMM needs per thread (kernels.ts's WASM_WORK_BYTES). */
export const WORK = 885248;
export const BATCH = 128;
export const INPUTS = 784;
export const WIDTH = 64;
export const CLASSES = 10;
export const DEPTH = 32;
/** Threads the memory has scratch for. */
export const MAX_THREADS = 4;

/**
 * gemm.wat compiled with a shared memory import: the text's `(memory 1)` given a maximum, then the import's
 * limits flag set from 0x01 (min, max) to 0x03 (min, max, shared), as wabt's parser here refuses `shared`.
 */
export async function sharedGemmModule() {
  const wabt = await createWabt();
  const source = readFileSync(new URL('../src/train/gemm.wat', import.meta.url), 'utf8');
  const text = source.replace('(import "env" "mem" (memory 1))', '(import "env" "mem" (memory 1 16384))');
  if (text === source) throw new Error('gemm.wat: memory import not found');
  const parsed = wabt.parseWat('gemm.wat', text, { simd: true, bulk_memory: true, multi_value: true });
  parsed.validate();
  const bytes = Uint8Array.from(parsed.toBinary({}).buffer);
  parsed.destroy();
  const needle = [3, 101, 110, 118, 3, 109, 101, 109, 2, 1]; // "env" "mem", memory, limits flag 0x01
  let at = -1;
  for (let i = 0; at < 0 && i < bytes.length; i++) if (needle.every((b, j) => bytes[i + j] === b)) at = i;
  if (at < 0) throw new Error('gemm.wat: memory import not found in the binary');
  bytes[at + needle.length - 1] = 3;
  return new WebAssembly.Module(bytes);
}

/** Byte offsets of the step's arrays in the memory (scratch of MAX_THREADS threads first, 64-byte aligned). */
export function stepLayout() {
  let at = MAX_THREADS * WORK;
  const f64 = (n) => {
    const o = at;
    at += Math.ceil((n * 8) / 64) * 64;
    return o;
  };
  const dims = [INPUTS, ...Array(DEPTH - 1).fill(WIDTH), CLASSES];
  const x = f64(BATCH * INPUTS);
  const layers = [];
  for (let l = 0; l < DEPTH; l++) {
    const inDim = dims[l];
    const out = dims[l + 1];
    layers.push({
      inDim,
      out,
      w: f64(out * inDim),
      dw: f64(out * inDim),
      y: f64(BATCH * out),
      dy: f64(BATCH * out),
      dx: f64(BATCH * inDim),
    });
  }
  const barrier = f64(16);
  return { x, layers, barrier, start: MAX_THREADS * WORK, bytes: at };
}

/** The GEMM of `module` (sharedGemmModule) on `memory`. */
export function gemmOn(module, memory) {
  return new WebAssembly.Instance(module, { env: { mem: memory } }).exports.gemm;
}

/** A shared memory holding the layout. */
export function stepMemory(layout) {
  return new WebAssembly.Memory({ initial: Math.ceil(layout.bytes / 65536) + 1, maximum: 16384, shared: true });
}

/**
 * A sense-reversing barrier of `size` threads on i32 [arrived, sense]: spins up to `spin` reads, then sleeps
 * in Atomics.wait (a futex), so a thread whose partner is descheduled stops burning its core.
 */
export function createBarrier(i32, size, spin) {
  let sense = 0;
  return () => {
    sense ^= 1;
    if (Atomics.add(i32, 0, 1) === size - 1) {
      Atomics.store(i32, 0, 0);
      Atomics.store(i32, 1, sense);
      Atomics.notify(i32, 1);
      return;
    }
    for (let s = 0; s < spin; s++) if (Atomics.load(i32, 1) === sense) return;
    while (Atomics.load(i32, 1) !== sense) Atomics.wait(i32, 1, sense ^ 1);
  };
}

/** Thread `rank` of `size`'s share of one step's GEMMs (gemm: the module's export), barriers between layers. */
export function splitStep(gemm, layout, rank, size, barrier) {
  const work = rank * WORK;
  const part = (n) => [Math.floor((rank * n) / size), Math.floor(((rank + 1) * n) / size)];
  let x = layout.x;
  for (const l of layout.layers) {
    const [j0, j1] = part(l.out);
    if (j1 > j0)
      gemm(
        0,
        1,
        BATCH,
        j1 - j0,
        l.inDim,
        1,
        x,
        l.inDim,
        l.w + j0 * l.inDim * 8,
        l.inDim,
        0,
        l.y + j0 * 8,
        l.out,
        -1,
        work,
      );
    if (size > 1) barrier();
    x = l.y;
  }
  for (let i = layout.layers.length - 1; i >= 0; i--) {
    const l = layout.layers[i];
    const input = i === 0 ? layout.x : layout.layers[i - 1].y;
    const [j0, j1] = part(l.out);
    if (j1 > j0)
      gemm(
        1,
        0,
        j1 - j0,
        l.inDim,
        BATCH,
        1,
        l.dy + j0 * 8,
        l.out,
        input,
        l.inDim,
        0,
        l.dw + j0 * l.inDim * 8,
        l.inDim,
        -1,
        work,
      );
    if (i === 0) continue; // the first layer needs no dX
    const [i0, i1] = part(l.inDim);
    if (size > 1) barrier();
    if (i1 > i0)
      gemm(0, 0, BATCH, i1 - i0, l.out, 1, l.dy, l.out, l.w + i0 * 8, l.inDim, 0, l.dx + i0 * 8, l.inDim, -1, work);
  }
}
