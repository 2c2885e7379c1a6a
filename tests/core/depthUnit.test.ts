import { describe, expect, it } from 'vitest';
import { OptionsError, blocksForWeightLayers, createNetwork, depthFor, weightLayerCount } from '@resnet/core';

describe('depth units: plain and residual at equal weight-layer counts', () => {
  it('weightLayerCount is depth for plain and 2B+2 for residual, as the built network has', () => {
    for (const depth of [2, 5, 13]) {
      expect(weightLayerCount('plain', depth)).toBe(createNetwork({ arch: 'plain', depth }).layers.length);
      expect(weightLayerCount('residual', depth)).toBe(createNetwork({ arch: 'residual', depth }).layers.length);
    }
    expect(weightLayerCount('residual', 10)).toBe(22);
  });

  it('blocksForWeightLayers inverts 2B+2 and rejects odd or too few layers', () => {
    expect(blocksForWeightLayers(22)).toBe(10);
    expect(blocksForWeightLayers(4)).toBe(1);
    expect(() => blocksForWeightLayers(21)).toThrow(OptionsError);
    expect(() => blocksForWeightLayers(21)).toThrow(
      /^layers must be an even number of weight layers >= 4 \(a residual net has 2\*blocks\+2\); got 21\.$/,
    );
    expect(() => blocksForWeightLayers(2)).toThrow(/^layers must be an integer >= 4; got 2\.$/);
  });

  it.each(['layers', 'blocks'] as const)('unit %s gives both archs the same number of weight layers', (unit) => {
    for (const value of [4, 6, 12, 22]) {
      const plain = depthFor({ arch: 'plain', unit, value });
      const residual = depthFor({ arch: 'residual', unit, value });
      expect(weightLayerCount('plain', plain)).toBe(weightLayerCount('residual', residual));
    }
    expect(depthFor({ arch: 'residual', unit: 'layers', value: 22 })).toBe(10);
    expect(depthFor({ arch: 'plain', unit: 'blocks', value: 10 })).toBe(22);
  });

  it('unit native is the notebook reading (plain 10 layers vs residual 10 blocks = 22 layers)', () => {
    expect(depthFor({ arch: 'plain', unit: 'native', value: 10 })).toBe(10);
    expect(depthFor({ arch: 'residual', unit: 'native', value: 10 })).toBe(10);
  });

  it('names the field in its errors', () => {
    expect(() => depthFor({ arch: 'residual', unit: 'layers', value: 9 })).toThrow(
      /^depth must be an even number of weight layers >= 4/,
    );
    expect(() => depthFor({ arch: 'plain', unit: 'blocks', value: 0 })).toThrow(
      /^depth must be an integer >= 1; got 0\.$/,
    );
    expect(() => depthFor({ arch: 'plain', unit: 'meters' as never, value: 3 })).toThrow(
      /^depthUnit must be one of "native", "layers", "blocks"; got "meters"\.$/,
    );
  });
});
