import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BYTES as batchNormBytes } from '../../packages/core/src/train/batchNormBytes.js';
import { BYTES as elementwiseBytes } from '../../packages/core/src/train/elementwiseBytes.js';
import { BYTES as gemmBytes } from '../../packages/core/src/train/gemmBytes.js';
import { createWasmMemory, instantiateWasm } from '../../packages/core/src/train/instantiate.js';
// @ts-expect-error: a plain .mjs script of the core package (no type declarations)
import { watSources } from '../../packages/core/scripts/wat.mjs';

// The training kernels' WebAssembly is generated like the cell kernel's: src/train/NAME.wat is the source and
// `npm run wat -w @resnet/core` writes NAMEBytes.ts beside it; wasmSource.test.ts recompiles every .wat under src
// and compares. Here: the training sources are among them, and each module instantiates on an imported memory.

describe("the training kernels' WebAssembly", () => {
  it('has its three sources among the .wat files the generator compiles', () => {
    const names = (watSources() as string[]).map((f) => basename(f));
    expect(names).toEqual(expect.arrayContaining(['gemm.wat', 'batchNorm.wat', 'elementwise.wat']));
  });

  for (const [name, bytes, exports] of [
    ['gemm', gemmBytes, ['gemm']],
    ['batchNorm', batchNormBytes, ['moments', 'normalize', 'backward']],
    ['elementwise', elementwiseBytes, ['relu', 'reluBackward', 'addScaled', 'scale', 'add', 'columnSums', 'sgd']],
  ] as const) {
    it(`${name}: instantiates on a memory it imports as env.mem and exports its kernels`, () => {
      const instance = instantiateWasm(bytes, createWasmMemory(1)!);
      expect(instance).toBeDefined();
      for (const e of exports) expect(typeof instance![e], e).toBe('function');
    });
  }

  it('returns undefined, not a throw, for bytes that are not a WebAssembly module', () => {
    expect(instantiateWasm(new TextEncoder().encode('not wasm'), createWasmMemory(1)!)).toBeUndefined();
  });
});
