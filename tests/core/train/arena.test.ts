import { afterEach, describe, expect, it } from 'vitest';
import {
  arenaBytes,
  createArena,
  createModel,
  createRng,
  createSizingArena,
  generatePatterns,
  patternsDataset,
  resolveTrainOptions,
  setTrainSimd,
  trainRun,
  type TrainOptions,
} from '@resnet/core';

afterEach(() => setTrainSimd(true));

describe('arenas', () => {
  it('sizing counts 64-byte-aligned bytes and hands out arrays of the asked lengths', () => {
    const sizing = createSizingArena();
    expect(sizing.f64(3).length).toBe(3);
    expect(sizing.f64(100).length).toBe(100);
    expect(sizing.bytes()).toBe(64 + 832);
    expect(arenaBytes(8)).toBe(64);
    expect(arenaBytes(9)).toBe(128);
  });

  it('hands out zeroed, disjoint arrays of one memory and refuses more than it holds', () => {
    const arena = createArena(arenaBytes(5) + arenaBytes(7));
    const a = arena.f64(5);
    const b = arena.f64(7);
    expect(a.buffer).toBe(b.buffer);
    expect(Array.from(b)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    a.fill(1);
    expect(b.every((v) => v === 0)).toBe(true);
    expect(() => arena.f64(1)).toThrow(/arena of 128 bytes overrun/);
  });

  it("puts a model's parameters, buffers and one optimiser's state in one memory", () => {
    const model = createModel(resolveTrainOptions({ arch: 'residual', depth: 6, width: 9 }), 13, 3, 7, createRng(1));
    for (const p of model.params) {
      expect(p.value.buffer).toBe(model.input.buffer);
      expect(p.grad.buffer).toBe(model.input.buffer);
    }
    expect(model.outputGrad.buffer).toBe(model.input.buffer);
    // Two state arrays per parameter fit; a third does not.
    for (const p of model.params) expect(model.arena.f64(p.value.length).buffer).toBe(model.input.buffer);
    for (const p of model.params) model.arena.f64(p.value.length);
    expect(() => model.arena.f64(1)).toThrow(/overrun/);
  });
});

describe('trainRun with the WebAssembly kernels', () => {
  // 8x8 patterns: 64 features; 181 rows leave a partial last batch.
  const train = patternsDataset(generatePatterns(createRng(100), 181, 8, 0.5));
  const test = patternsDataset(generatePatterns(createRng(101), 53, 8, 0.5));
  const cases: TrainOptions[] = [
    { arch: 'plain', depth: 6, width: 16, batchSize: 32 },
    { arch: 'residual', depth: 8, width: 16, batchSize: 32, evalTrainError: true },
    { arch: 'residual', depth: 6, width: 13, batchSize: 37, branchScale: 0.5, zeroInitBranch: true },
    { arch: 'plain', depth: 4, width: 7, batchSize: 10, batchNorm: false },
    { arch: 'residual', depth: 4, width: 11, batchSize: 50, batchNorm: false, branchScale: 'invSqrtBlocks' },
    { arch: 'plain', depth: 3, width: 33, batchSize: 64, optimizer: 'adam', lr: 0.003 },
  ];
  for (const options of cases) {
    it(`gives every epoch record bit-identical to the JS kernels: ${JSON.stringify(options)}`, () => {
      const run = (simd: boolean) => {
        setTrainSimd(simd);
        return trainRun({ ...options, epochs: 2, seed: 3 }, { train, test }).epochs;
      };
      const wasm = run(true);
      const js = run(false);
      // toEqual tells -0 from 0 and compares every loss and error exactly.
      expect(wasm).toEqual(js);
      expect(wasm[1].trainLoss).toBeLessThan(wasm[0].trainLoss);
    });
  }
});
