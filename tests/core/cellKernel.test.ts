import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  CellRunner,
  OptionsError,
  cellLayout,
  cellNormalCount,
  createRng,
  resolveNetworkConfig,
  type CellSpec,
} from '@resnet/core';
import { readGoldenJson, type GoldenCell } from './helpers/golden.js';

const wasm = new CellRunner();
const js = new CellRunner({ kernel: 'js' });

/** The record of spec on a runner (a fresh array). */
function record(runner: CellRunner, spec: CellSpec, stream?: Float64Array): Float64Array {
  const out = new Float64Array(cellLayout(resolveNetworkConfig(spec)).length);
  runner.run(spec, out, 0, stream);
  return out;
}

/** Indices where two records differ bit for bit (Object.is: NaN equals NaN, -0 differs from 0). */
function differences(a: Float64Array, b: Float64Array): number[] {
  const at: number[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (!Object.is(a[i], b[i])) at.push(i);
  return at;
}

/** One spec per value of every axis (arch x depth x a variant), the rest at the notebook's defaults. */
const variants: Partial<CellSpec>[] = [
  {},
  { block: 'original' },
  { block: 'preact' },
  { init: 'xavier' },
  { init: 'lecun', sigmaW2: 1.7 },
  { init: 'orthogonal' },
  { init: 'orthogonal', width: 7, inputSize: 4, batch: 2 },
  { activation: 'tanh' },
  { activation: 'linear' },
  { activation: 'tanh', block: 'preact', outputActivation: 'linear' },
  { activation: 'tanh', block: 'original' },
  { inputActivation: 'linear', outputActivation: 'tanh' },
  { width: 5 },
  { width: 6, inputSize: 3 },
  { width: 33, inputSize: 17 },
  { width: 1, inputSize: 1 },
  { width: 2, inputSize: 8, batch: 3 },
  { dout: 'normal' },
  { dout: 'normal', batch: 2 },
  { batch: 3 },
  { batch: 4, inputSize: 1 },
  { batch: 8, width: 12 },
  { branchScale: 0.5, shortcutScale: 0.7 },
  { branchScale: 0, shortcutScale: -1.25 },
  { sigmaW2: 0 },
];

/** Per-position values need the depth: one per block or weight layer. */
function perPosition(arch: CellSpec['arch'], depth: number): Partial<CellSpec>[] {
  const layers = arch === 'plain' ? depth : 2 * depth + 2;
  const sigmaW2 = Array.from({ length: layers }, (_, l) => 1 + l / layers);
  if (arch === 'plain') return [{ sigmaW2 }];
  const blocks = Array.from({ length: depth }, (_, b) => 1 / Math.sqrt(b + 1));
  return [
    { sigmaW2 },
    { branchScale: blocks, shortcutScale: blocks.map((v) => 2 - v) },
    { branchScale: blocks, block: 'original', batch: 2 },
    { shortcutScale: blocks, block: 'preact', activation: 'tanh' },
  ];
}

describe('the WebAssembly cell kernel', () => {
  it('is the default where WebAssembly SIMD exists (Node here), and the JS kernel can be forced', () => {
    expect(wasm.kernel).toBe('wasm');
    expect(js.kernel).toBe('js');
    expect(() => new CellRunner({ kernel: 'gpu' as never })).toThrow(OptionsError);
  });

  it('falls back to the JS kernel, same records, where WebAssembly is missing', () => {
    // A fresh process without the WebAssembly global: the default runner must pick JS and give the same record.
    const script = `delete globalThis.WebAssembly;
      const core = await import('@resnet/core');
      const runner = new core.CellRunner();
      const out = new Float64Array(core.cellLayout({ arch: 'residual', depth: 3 }).length);
      runner.run({ arch: 'residual', depth: 3, seed: 11, block: 'preact' }, out);
      let wasmError = '';
      try { new core.CellRunner({ kernel: 'wasm' }); } catch (e) { wasmError = e.message; }
      console.log(JSON.stringify({ kernel: runner.kernel, record: Array.from(out), wasmError }));`;
    const child = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        cwd: import.meta.dirname,
        encoding: 'utf8',
      }),
    ) as { kernel: string; record: number[]; wasmError: string };
    expect(child.kernel).toBe('js');
    expect(child.wasmError).toMatch(
      /kernel must be 'auto' or 'js'; got "wasm". This runtime has no WebAssembly with SIMD/,
    );
    const here = record(wasm, { arch: 'residual', depth: 3, seed: 11, block: 'preact' });
    expect(child.record).toEqual(Array.from(here));
  });

  it('gives records bit-identical to the JS kernel on every axis (arch, depth, block, init, activations, sizes, dout, batch, per-position scales)', () => {
    const failures: string[] = [];
    let cells = 0;
    for (const arch of ['plain', 'residual'] as const) {
      for (const depth of arch === 'plain' ? [2, 3, 7] : [1, 2, 6]) {
        for (const variant of [...variants, ...perPosition(arch, depth)]) {
          for (const seed of [0, 41, 4294967295]) {
            const spec = { arch, depth, seed, ...variant } as CellSpec;
            const diff = differences(record(wasm, spec), record(js, spec));
            cells++;
            if (diff.length) failures.push(`${JSON.stringify(spec)}: entries ${diff.slice(0, 5).join(', ')}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBeGreaterThan(450);
  });

  it('gives records bit-identical to the JS kernel on every golden and held-out cell', () => {
    const cells = [
      ...readGoldenJson<{ cells: GoldenCell[] }>('golden_grid.json').cells,
      ...readGoldenJson<{ cells: GoldenCell[] }>('holdout_grid.json').cells,
    ];
    const failures = cells
      .map((g) => ({ arch: g.arch, depth: g.depth, seed: g.seed }))
      .filter((spec) => differences(record(wasm, spec), record(js, spec)).length > 0);
    expect(failures).toEqual([]);
    expect(cells.length).toBe(1760);
  });

  it('gives the same record from a given stream, from its own draws, and from a fresh runner, in any order of shapes', () => {
    // Shapes of very different sizes in turn make the kernel move its stream and scratch and relink its programs.
    const specs: CellSpec[] = [
      { arch: 'plain', depth: 3, seed: 5 },
      { arch: 'residual', depth: 60, width: 40, seed: 5 },
      { arch: 'plain', depth: 3, seed: 5, dout: 'normal' },
      { arch: 'residual', depth: 2, seed: 6, batch: 16 },
      { arch: 'plain', depth: 3, seed: 5 },
    ];
    const shared = new CellRunner();
    for (const spec of specs) {
      const config = resolveNetworkConfig(spec);
      const stream = createRng(spec.seed).fillNormal(
        new Float64Array(cellNormalCount(config, spec.dout ?? 'ones', spec.batch ?? 1)),
      );
      const fresh = record(new CellRunner(), spec);
      expect(differences(record(shared, spec), fresh), JSON.stringify(spec)).toEqual([]);
      expect(differences(record(shared, spec, stream), fresh), JSON.stringify(spec)).toEqual([]);
      expect(differences(record(js, spec, stream), fresh), JSON.stringify(spec)).toEqual([]);
    }
  });

  it("draws each seed's stream in pieces as one RandomState would (odd lengths, many twists, seeds to 2^32-1)", () => {
    // One runner extends the seed's stream cell after cell (odd needs leave a cached normal between pieces); each
    // record must equal a fresh JS runner's, which draws the whole prefix from a new LegacyRandomState.
    for (const seed of [0, 1, 2 ** 31, 4294967295]) {
      const runner = new CellRunner();
      for (const depth of [1, 2, 3, 5, 8, 13, 21]) {
        for (const spec of [
          { arch: 'residual', depth, inputSize: 3, width: 5, dout: 'normal', seed },
          { arch: 'plain', depth: depth + 1, inputSize: 3, width: 7, batch: 3, dout: 'normal', seed },
        ] as CellSpec[]) {
          expect(differences(record(runner, spec), record(new CellRunner({ kernel: 'js' }), spec))).toEqual([]);
        }
      }
    }
  });

  it('reads weights from scaled copies of the stream or scales them as it reads, with the same records', () => {
    // One runner: eight sigmaW2 values (more scales than it keeps copies of), two scales in one net (inputSize !=
    // width), a shape past the copy size limit (1.05M normals), seeds changing under the copies; each record must
    // equal the JS kernel's.
    const runner = new CellRunner();
    const specs: CellSpec[] = [];
    for (const seed of [4, 5]) {
      for (let i = 0; i < 8; i++) specs.push({ arch: 'residual', depth: 3, sigmaW2: 1 + i / 8, seed });
      specs.push({ arch: 'plain', depth: 4, inputSize: 5, width: 12, seed });
      specs.push({ arch: 'plain', depth: 4, init: 'xavier', seed });
    }
    specs.push({ arch: 'plain', depth: 6, width: 512, inputSize: 4, seed: 4 });
    specs.push({ arch: 'residual', depth: 3, sigmaW2: 1.5, seed: 4 });
    for (const spec of specs) {
      expect(differences(record(runner, spec), record(js, spec)), JSON.stringify(spec)).toEqual([]);
    }
  });

  it('runs prepared shapes for many seeds as run() does, and checks seed, out and stream', () => {
    const runner = new CellRunner();
    const cell = runner.prepare({ arch: 'residual', depth: 4, block: 'preact' });
    expect(runner.prepare({ arch: 'residual', depth: 4, block: 'preact' })).toBe(cell);
    expect(cell.normals).toBe(cellNormalCount(resolveNetworkConfig({ arch: 'residual', depth: 4 })));
    const out = new Float64Array(cell.layout.length * 3);
    for (const seed of [3, 4, 3]) {
      runner.runPrepared(cell, seed, out, cell.layout.length);
      const want = record(js, { arch: 'residual', depth: 4, block: 'preact', seed });
      expect(differences(out.subarray(cell.layout.length, 2 * cell.layout.length), want)).toEqual([]);
    }
    expect(() => runner.runPrepared(cell, -1, out)).toThrow(/seed must be an integer from 0 to 4294967295/);
    expect(() => runner.runPrepared(cell, 1, out, 2 * cell.layout.length + 1)).toThrow(/out must have at least/);
    expect(() => runner.runPrepared(cell, 1, out, 0, new Float64Array(3))).toThrow(/stream must have at least/);
  });
});
