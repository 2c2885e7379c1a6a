// Instantiates the training kernels' embedded WebAssembly (gemmBytes.ts, batchNormBytes.ts, elementwiseBytes.ts,
// generated from the .wat beside them by `npm run wat -w @resnet/core`) on a memory they import as `env.mem`.

/** A WebAssembly.Memory, as far as core uses it. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The slice of the WebAssembly JS API used here (core compiles without DOM or Node typings). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object, imports?: object) => { exports: Record<string, unknown> };
      Memory: new (descriptor: { initial: number }) => WasmMemory;
    }
  | undefined;

/** Bytes per WebAssembly page. */
export const WASM_PAGE = 65536;

/** Compiled modules by their bytes: each compiles once per thread, however many instances it gets. */
const compiled = new WeakMap<Uint8Array, object>();

/**
 * Compiles (once) and instantiates a module (synchronously: the modules are a few KiB) importing `memory` as
 * `env.mem`, and returns its exports; undefined where WebAssembly, or a feature the module uses such as SIMD,
 * is unavailable.
 */
export function instantiateWasm(bytes: Uint8Array, memory: WasmMemory): Record<string, unknown> | undefined {
  try {
    if (typeof WebAssembly === 'undefined') return undefined;
    let module = compiled.get(bytes);
    if (module === undefined) {
      module = new WebAssembly.Module(bytes);
      compiled.set(bytes, module);
    }
    return new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
  } catch {
    return undefined;
  }
}

/** A zeroed WebAssembly memory of at least `bytes`, or undefined where WebAssembly is missing or refuses the size. */
export function createWasmMemory(bytes: number): WasmMemory | undefined {
  try {
    if (typeof WebAssembly === 'undefined') return undefined;
    return new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / WASM_PAGE)) });
  } catch {
    return undefined;
  }
}
