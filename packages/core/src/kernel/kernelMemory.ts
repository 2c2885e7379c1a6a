// The WebAssembly module of cellKernel.wat, instantiated with its own linear memory, and a bump allocator over that
// memory. The memory only grows; a growth replaces the typed-array views, which is why callers read `f64` and `i32`
// from here each time.
import { BYTES } from './cellKernelBytes.js';

/** The slice of the WebAssembly JS API used here (core compiles without DOM or Node typings). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
    }
  | undefined;

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The module's exports (see cellKernel.wat). */
export interface KernelExports {
  mem: Memory;
  /** Runs the program at byte pc. */
  run(pc: number): void;
  /** Seeds the generator whose state is at byte st, as np.random.seed (seed as int32 bits). */
  mt_seed(st: number, seed: number): void;
  /** Writes the generator's next `count` standard normals at byte dst. */
  mt_normals(st: number, dst: number, count: number): void;
  /** out[i] = alpha · src[i] for n float64 at bytes out and src. */
  scale(out: number, alpha: number, src: number, n: number): void;
}

const PAGE = 65536;
let compiled: object | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is unavailable or may not compile synchronously. */
function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = typeof WebAssembly === 'undefined' ? null : new WebAssembly.Module(BYTES);
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

/** One instance of the kernel and its memory. */
export class KernelMemory {
  /** Views of the whole memory (replaced when it grows). */
  f64: Float64Array;
  i32: Int32Array;
  private top = 16;

  private constructor(readonly exports: KernelExports) {
    this.f64 = new Float64Array(exports.mem.buffer);
    this.i32 = new Int32Array(exports.mem.buffer);
  }

  /** A new instance, or undefined where WebAssembly SIMD is unavailable. */
  static create(): KernelMemory | undefined {
    const module = kernelModule();
    if (module === null || typeof WebAssembly === 'undefined') return undefined;
    try {
      // The kernel calls the host's tanh and log, so its values are the JS path's on every engine.
      const instance = new WebAssembly.Instance(module, { env: { tanh: Math.tanh, log: Math.log } });
      return new KernelMemory(instance.exports as unknown as KernelExports);
    } catch {
      return undefined;
    }
  }

  /** Byte address of `bytes` new bytes (16-aligned, never 0), growing the memory when needed. */
  alloc(bytes: number): number {
    const at = this.top;
    this.top += Math.ceil(bytes / 16) * 16;
    const memory = this.exports.mem;
    const have = memory.buffer.byteLength;
    if (this.top > have) {
      memory.grow(Math.ceil((this.top - have) / PAGE));
      this.f64 = new Float64Array(memory.buffer);
      this.i32 = new Int32Array(memory.buffer);
    }
    return at;
  }
}
