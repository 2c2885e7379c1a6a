import { describe, expect, it } from 'vitest';
import { CellRunner, OptionsError, cellLayout, resolveNetworkConfig, runCell, type CellSpec } from '@resnet/core';

// inputScale s multiplies the drawn x by s (the weights and dout are drawn as before). A net without biases
// whose activations are positively homogeneous (ReLU, linear) is then exactly scaled: every activation and
// weight gradient by s, every backward signal unchanged, so the first/last ratio does not move.
const close = (a: readonly number[], b: readonly number[], rel = 1e-12) =>
  a.every((v, i) => Math.abs(v - b[i]!) <= rel * Math.max(Math.abs(v), Math.abs(b[i]!)));

describe('CellSpec.inputScale', () => {
  it.each([
    ['plain', 6],
    ['residual', 4],
  ] as const)(
    'scales x and, in a ReLU %s net, every activation and dW by s; signals and the ratio stay',
    (arch, depth) => {
      const spec: CellSpec = { arch, depth, seed: 3, width: 8, inputSize: 8 };
      const one = runCell(spec);
      for (const s of [2, 0.25]) {
        const scaled = runCell({ ...spec, inputScale: s });
        expect(scaled.xNorm).toBeCloseTo(s * one.xNorm, 12);
        expect(
          close(
            scaled.actNorms,
            one.actNorms.map((v) => s * v),
          ),
        ).toBe(true);
        expect(
          close(
            scaled.layerGradNorms,
            one.layerGradNorms.map((v) => s * v),
          ),
        ).toBe(true);
        expect(close(scaled.signalNorms, one.signalNorms)).toBe(true);
        expect(scaled.ratio).toBeCloseTo(one.ratio, 12);
      }
    },
  );

  it('leaves a tanh net not homogeneous (the axis measures something) and is the default at 1', () => {
    const spec: CellSpec = { arch: 'plain', depth: 6, seed: 3, width: 8, inputSize: 8, activation: 'tanh' };
    const one = runCell(spec);
    expect(runCell({ ...spec, inputScale: 1 })).toEqual(one);
    const scaled = runCell({ ...spec, inputScale: 4 });
    expect(
      close(
        scaled.actNorms,
        one.actNorms.map((v) => 4 * v),
        1e-3,
      ),
    ).toBe(false);
  });

  it('refuses a value that is not a finite number, naming the field', () => {
    expect(() => runCell({ arch: 'plain', depth: 3, seed: 0, inputScale: Number.NaN })).toThrow(OptionsError);
    expect(() => runCell({ arch: 'plain', depth: 3, seed: 0, inputScale: Number.NaN })).toThrow(
      /^inputScale must be a finite number/,
    );
  });

  it('is bit-identical on the WebAssembly and the JS kernel, batch 1 and 3, and leaves the seed stream as drawn', () => {
    const wasm = new CellRunner();
    const js = new CellRunner({ kernel: 'js' });
    const record = (runner: CellRunner, spec: CellSpec) => {
      const out = new Float64Array(cellLayout(resolveNetworkConfig(spec)).length);
      runner.run(spec, out);
      return Array.from(out);
    };
    for (const batch of [1, 3]) {
      for (const arch of ['plain', 'residual'] as const) {
        const spec: CellSpec = { arch, depth: 5, seed: 11, width: 8, inputSize: 8, batch, dout: 'normal' };
        const scaled = { ...spec, inputScale: -0.3 };
        // The scaled cell first, then the unscaled one of the same seed (its stream reused): as if each ran alone.
        expect(record(wasm, scaled)).toEqual(record(js, scaled));
        expect(record(wasm, spec)).toEqual(record(new CellRunner(), spec));
        expect(record(js, spec)).toEqual(record(new CellRunner({ kernel: 'js' }), spec));
      }
    }
  });
});
