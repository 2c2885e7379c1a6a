import { describe, expect, it } from 'vitest';
import { resolveNetworkConfig } from '@resnet/core';
import { buildCellProgram } from '../../packages/core/src/kernel/cellProgram.js';
import { relocatableBases, relocate, scaleReach } from '../../packages/core/src/kernel/programBuilder.js';

// The WebAssembly kernel builds each shape's program once against tagged bases and links it by relocation whenever
// its regions move: the linked program must be the very one built against those bases (every op word, pc, record).
type Spec = Parameters<typeof resolveNetworkConfig>[0];
const SHAPES: [string, Spec, number, 'ones' | 'normal', number][] = [
  ['plain, he', { arch: 'plain', depth: 7 }, 1, 'ones', 1],
  ['residual, notebook block', { arch: 'residual', depth: 5 }, 1, 'ones', 1],
  [
    'residual, preact, batch 3, dout normal, input scale 10',
    { arch: 'residual', depth: 4, block: 'preact' },
    3,
    'normal',
    10,
  ],
  ['plain, orthogonal init', { arch: 'plain', depth: 6, init: 'orthogonal' }, 1, 'ones', 1],
  ['residual, two weight scales', { arch: 'residual', depth: 3, sigmaW2: [2, 1, 2, 1, 2, 1, 2, 1] }, 2, 'ones', 1],
];

describe('relocate', () => {
  it.each(SHAPES)(
    '%s: the relocated program is the one built against the same bases',
    (_, spec, batch, dout, scale) => {
      const config = resolveNetworkConfig(spec);
      const scales = [...scaleReach(config).keys()];
      const bases = { slot: 4096, scratch: 1 << 20, stream: 3 << 20, scaled: scales.map((_, i) => (5 + i) << 20) };
      const direct = buildCellProgram(
        config,
        batch,
        dout,
        { ...bases, scaled: new Map(scales.map((s, i) => [s, bases.scaled[i]!])) },
        scale,
      );
      const linked = relocate(buildCellProgram(config, batch, dout, relocatableBases(scales), scale), bases);
      expect(linked.ops).toEqual(direct.ops);
      expect([linked.pc, linked.record, linked.orthogonal]).toEqual([direct.pc, direct.record, direct.orthogonal]);
      expect([linked.slotBytes, linked.scratchBytes]).toEqual([direct.slotBytes, direct.scratchBytes]);
      expect(linked.consts).toEqual(direct.consts);
      // Addresses of every region occur (the test would not see a region whose tag was left in).
      expect(direct.ops.some((w) => w >= bases.scratch && w < bases.stream)).toBe(true);
    },
  );
});
