// Instantiates core's embedded WebAssembly (src/wasm/*Wasm.ts, generated from wasm/*.wat by `npm run wasm`).

/** The slice of the WebAssembly JS API used here (core compiles without DOM or Node typings). */
declare const WebAssembly:
  | {
      Module: new (bytes: Uint8Array) => object;
      Instance: new (module: object) => { exports: Record<string, unknown> };
    }
  | undefined;
/** Base64 to a binary string: global in browsers, workers and Node >= 16. */
declare const atob: ((data: string) => string) | undefined;

/** The bytes of a base64 string. */
export function decodeBase64(base64: string): Uint8Array {
  const text = atob!(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Compiles and instantiates a module given as base64 (synchronously: the modules are a few KiB) and returns
 * its exports, or undefined where WebAssembly, or a feature the module uses such as SIMD, is unavailable.
 */
export function instantiateWasm(base64: string): Record<string, unknown> | undefined {
  try {
    if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return undefined;
    return new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(base64))).exports;
  } catch {
    return undefined;
  }
}
