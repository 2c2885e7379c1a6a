// Instantiates core's embedded WebAssembly (src/wasm/*Wasm.ts, generated from wasm/*.wat by `npm run wasm`).

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
/** Base64 to a binary string: global in browsers, workers and Node >= 16. */
declare const atob: ((data: string) => string) | undefined;

/** Bytes per WebAssembly page. */
export const WASM_PAGE = 65536;

/** The bytes of a base64 string. */
export function decodeBase64(base64: string): Uint8Array {
  const text = atob!(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Compiled modules by their base64 text: each compiles once per thread, however many instances it gets. */
const compiled = new Map<string, object>();

/**
 * Compiles (once) and instantiates a module given as base64 (synchronously: the modules are a few KiB) and
 * returns its exports, or undefined where WebAssembly, or a feature the module uses such as SIMD, is
 * unavailable. A module importing memory takes it as `{ env: { mem } }`.
 */
export function instantiateWasm(base64: string, memory?: WasmMemory): Record<string, unknown> | undefined {
  try {
    if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return undefined;
    let module = compiled.get(base64);
    if (module === undefined) {
      module = new WebAssembly.Module(decodeBase64(base64));
      compiled.set(base64, module);
    }
    return new WebAssembly.Instance(module, memory ? { env: { mem: memory } } : {}).exports;
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
