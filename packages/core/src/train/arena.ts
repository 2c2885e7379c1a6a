// Where a training net's arrays live. A model's arena is one WebAssembly memory with the training kernels
// bound to it (kernels.ts), so its layers' GEMMs, BatchNorm and element-wise passes run in WebAssembly on the
// arrays in place; a memory cannot grow under live views, so createModel sizes it first by building the net
// once against a sizing arena. Standalone layers default to heapArena (plain arrays, JS kernels).
import { createWasmMemory } from './instantiate.js';
import { bindTrainWasm, WASM_WORK_BYTES } from './kernels.js';

/** Hands out the zero-filled Float64Arrays of a net's parameters and buffers. */
export interface Arena {
  f64(length: number): Float64Array;
}

/** Each array on its own (the JS kernels run on them). */
export const heapArena: Arena = { f64: (length) => new Float64Array(length) };

/** Allocations start on 64-byte lines (whole cache lines for the SIMD loads and stores). */
const ALIGN = 64;

function aligned(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}

/** Bytes an allocation of `length` float64 takes in an arena (aligned). */
export function arenaBytes(length: number): number {
  return aligned(length * 8);
}

/**
 * Counts the bytes a build asks for. Its arrays have the lengths asked for but all share one buffer (the
 * largest asked for so far), so sizing costs no memory: a build must not rely on their contents.
 */
export function createSizingArena(): Arena & { readonly bytes: () => number } {
  let bytes = 0;
  let shared = new ArrayBuffer(0);
  return {
    f64(length) {
      bytes += arenaBytes(length);
      if (shared.byteLength < length * 8) shared = new ArrayBuffer(length * 8);
      return new Float64Array(shared, 0, length);
    },
    bytes: () => bytes,
  };
}

/**
 * An arena of `bytes` (as a sizing arena counted them) in one WebAssembly memory with the kernels bound to it,
 * or in one ArrayBuffer where WebAssembly SIMD is unavailable or the memory cannot be had. Throws if asked for
 * more than it holds.
 */
export function createArena(bytes: number): Arena {
  const memory = createWasmMemory(WASM_WORK_BYTES + bytes);
  const kernels = memory === undefined ? undefined : bindTrainWasm(memory);
  const buffer = kernels === undefined ? new ArrayBuffer(bytes) : kernels.buffer;
  const end = kernels === undefined ? bytes : WASM_WORK_BYTES + bytes;
  let next = kernels === undefined ? 0 : WASM_WORK_BYTES;
  return {
    f64(length) {
      const start = next;
      next += aligned(length * 8);
      if (next > end) throw new Error(`arena of ${bytes} bytes overrun (the sizing pass and the build disagree)`);
      return new Float64Array(buffer, start, length);
    },
  };
}
