import { describe, expect, it } from 'vitest';
import {
  DOUTS,
  backward,
  cell,
  cellLayout,
  cellNormalCount,
  createGradientFlow,
  createNetwork,
  createRng,
  createWorkspace,
  forward,
  gradientFlow,
  initWeights,
  resolveNetworkConfig,
  runCell,
  type CellSpec,
} from '@resnet/core';

/** The cell rebuilt from core's parts: weights, then x, then dout, all from one RandomState(seed). */
function byHand(spec: CellSpec, dout: 'ones' | 'normal') {
  const net = createNetwork(resolveNetworkConfig(spec));
  const ws = createWorkspace(net, 1, { weightGrads: false });
  const rng = createRng(spec.seed);
  initWeights(net, rng);
  rng.fillNormal(ws.input, 0, ws.input.length);
  const d = new Float64Array(net.config.inputSize).fill(1);
  if (dout === 'normal') rng.fillNormal(d, 0, d.length);
  forward(net, ws);
  backward(net, ws, d);
  const flow = createGradientFlow(net);
  gradientFlow(net, ws, flow);
  return { ratio: flow.ratio, gradNorms: Array.from(flow.gradNorms), inputGradNorm: flow.inputGradNorm, d };
}

describe("a cell's output gradient (dout)", () => {
  it("lists 'ones' and 'normal'; 'ones' is the default and leaves every record bit-identical", () => {
    expect(DOUTS).toEqual(['ones', 'normal']);
    for (const arch of ['plain', 'residual'] as const) {
      const spec = { arch, depth: 6, seed: 11 };
      expect(runCell({ ...spec, dout: 'ones' })).toEqual(runCell(spec));
    }
  });

  it("'normal' draws N(0, I) right after x from the same stream and back-propagates it", () => {
    for (const spec of [
      { arch: 'plain', depth: 7, seed: 5 },
      { arch: 'residual', depth: 4, seed: 8, block: 'preact', outputActivation: 'linear' },
    ] as CellSpec[]) {
      const got = runCell({ ...spec, dout: 'normal' });
      const want = byHand(spec, 'normal');
      expect(got.ratio).toBe(want.ratio);
      expect(got.gradNorms).toEqual(want.gradNorms);
      expect(got.inputGradNorm).toBe(want.inputGradNorm);
      // The draws really are the stream's next inputSize normals after the weights and x.
      const config = resolveNetworkConfig(spec);
      const stream = createRng(spec.seed).fillNormal(new Float64Array(cellNormalCount(config, 'normal')));
      expect(Array.from(want.d)).toEqual(Array.from(stream.subarray(cellNormalCount(config))));
      expect(got.gradNorms).not.toEqual(runCell(spec).gradNorms);
    }
  });

  it("counts inputSize more draws with 'normal', and replays a pre-drawn stream bit for bit", () => {
    const spec: CellSpec = { arch: 'residual', depth: 5, seed: 21, dout: 'normal' };
    const config = resolveNetworkConfig(spec);
    expect(cellNormalCount(config, 'normal')).toBe(cellNormalCount(config) + config.inputSize);
    const stream = createRng(21).fillNormal(new Float64Array(cellNormalCount(config, 'normal')));
    const drawn = new Float64Array(cellLayout(config).length);
    const replayed = new Float64Array(drawn.length);
    cell(spec, drawn);
    cell(spec, replayed, 0, stream);
    expect(replayed).toEqual(drawn);
    expect(() => cell(spec, replayed, 0, stream.subarray(0, cellNormalCount(config)))).toThrow(/stream/);
  });

  it('refuses another dout, naming the field', () => {
    expect(() => runCell({ arch: 'plain', depth: 3, seed: 0, dout: 'zeros' as never })).toThrow(/dout/);
  });
});
