import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileWat, generatedModule, generatedPath, OUT_DIR, watNames } from '../../packages/core/scripts/wasm.js';
import { createWasmMemory, decodeBase64, instantiateWasm } from '../../packages/core/src/wasm/instantiate.js';

// Core's WebAssembly is generated: wasm/NAME.wat is the source, `npm run wasm` (packages/core/scripts/wasm.ts,
// wabt) writes src/wasm/NAMEWasm.ts. These tests recompile every .wat and fail while a generated module is
// stale, hand-edited or orphaned.

describe('embedded WebAssembly', () => {
  it('has the training kernels, and one generated module per .wat and no other', () => {
    expect(watNames()).toEqual(expect.arrayContaining(['batchNorm', 'elementwise', 'gemm']));
    const generated = readdirSync(OUT_DIR)
      .filter((file) => file.endsWith('Wasm.ts'))
      .sort();
    expect(generated).toEqual(watNames().map((name) => `${name}Wasm.ts`));
  });

  for (const name of watNames()) {
    it(`src/wasm/${name}Wasm.ts holds exactly what wabt compiles from wasm/${name}.wat (else run npm run wasm)`, async () => {
      const bytes = await compileWat(name);
      expect(readFileSync(generatedPath(name), 'utf8')).toBe(generatedModule(name, bytes));
      // The embedded string decodes (with core's own decoder) to those bytes, and they instantiate here.
      const embedded = (await import(`../../packages/core/src/wasm/${name}Wasm.ts`))[`${name}Wasm`] as string;
      expect(decodeBase64(embedded)).toEqual(bytes);
      expect(instantiateWasm(embedded, createWasmMemory(1))).toBeDefined();
    });
  }

  it("decodes base64 as Node's Buffer does, for every length mod 3 and every byte value", () => {
    for (const length of [0, 1, 2, 3, 255, 256, 257]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 255);
      expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
    }
  });

  it('returns undefined, not a throw, for bytes that are not a WebAssembly module', () => {
    expect(instantiateWasm(Buffer.from('not wasm').toString('base64'))).toBeUndefined();
  });
});
