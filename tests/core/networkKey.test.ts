import { describe, expect, it } from 'vitest';
import { CellRunner, cellLayout, networkKey, resolveNetworkConfig, type NetworkConfig } from '@resnet/core';

const base = resolveNetworkConfig({ arch: 'residual', depth: 3 });

/** A valid value different from the given one for each field of a resolved config. */
const changed: { [F in keyof NetworkConfig]-?: NetworkConfig[F] } = {
  arch: 'plain',
  depth: 4,
  inputSize: 15,
  width: 17,
  init: 'xavier',
  sigmaW2: 1.5,
  activation: 'tanh',
  outputActivation: 'linear',
  inputActivation: 'tanh',
  block: 'preact',
  branchScale: [1, 1, 0.5],
  shortcutScale: 0.9,
};

describe('networkKey: the cell runner cache key, derived from every field of the resolved config', () => {
  it('changes when any one field changes (the list above names every field of NetworkConfig)', () => {
    expect(Object.keys(changed).sort()).toEqual(Object.keys(base).sort());
    for (const field of Object.keys(changed) as (keyof NetworkConfig)[]) {
      const other = { ...base, [field]: changed[field] } as NetworkConfig;
      expect(other[field], field).not.toEqual(base[field]);
      expect(networkKey(other), field).not.toBe(networkKey(base));
    }
  });

  it('is equal for equal configs, however the options were spelled, and tells -0 from 0', () => {
    const spelled = resolveNetworkConfig({ depth: 3, block: 'notebook', arch: 'residual', init: 'he', sigmaW2: 2 });
    expect(networkKey(spelled)).toBe(networkKey(base));
    expect(networkKey({ ...base, branchScale: -0 })).not.toBe(networkKey({ ...base, branchScale: 0 }));
  });

  it('keeps a runner from reusing another shape: one runner over configs one field apart matches fresh runners', () => {
    for (const kernel of ['wasm', 'js'] as const) {
      const shared = new CellRunner({ kernel });
      for (const field of Object.keys(changed) as (keyof NetworkConfig)[]) {
        for (const spec of [
          { ...base, seed: 2 },
          { ...base, [field]: changed[field], seed: 2 },
        ]) {
          const layout = cellLayout(spec);
          const a = new Float64Array(layout.length);
          const b = new Float64Array(layout.length);
          shared.run(spec, a);
          new CellRunner({ kernel }).run(spec, b);
          expect(a, `${kernel} ${field}`).toEqual(b);
        }
      }
    }
  });
});
