import { describe, expect, it } from 'vitest';
import {
  OptionsError,
  backward,
  createNetwork,
  createRng,
  createWorkspace,
  forward,
  gradientFlow,
  norm,
} from '@resnet/core';

describe('createWorkspace({ weightGrads: false })', () => {
  it('measures the same ||dW|| as the materialised dW, to a few ulp (rank-one identity ||dz·xᵀ|| = ||dz||·||x||)', () => {
    for (const arch of ['plain', 'residual'] as const) {
      const net = createNetwork({ arch, depth: 6 }, createRng(2));
      const x = createRng(3).fillNormal(new Float64Array(16));
      const ones = new Float64Array(16).fill(1);
      const full = createWorkspace(net);
      const lean = createWorkspace(net, 1, { weightGrads: false });
      forward(net, full, x);
      backward(net, full, ones);
      forward(net, lean, x);
      backward(net, lean, ones);
      const a = gradientFlow(net, full);
      const b = gradientFlow(net, lean);
      for (let l = 0; l < net.layers.length; l++) {
        expect(Math.abs(a.layerGradNorms[l] - b.layerGradNorms[l]) / a.layerGradNorms[l]).toBeLessThan(1e-15);
        expect(a.layerGradNorms[l]).toBe(norm(full.grads[l].dW));
      }
      // Everything else is computed the same way, bit for bit.
      expect(b.actNorms).toEqual(a.actNorms);
      expect(b.signalNorms).toEqual(a.signalNorms);
      expect(b.inputGradNorm).toBe(a.inputGradNorm);
      // And the lean workspace never wrote a weight gradient.
      expect(lean.grads.every((g) => g.dW.every((v) => v === 0))).toBe(true);
    }
  });

  it('refuses a batch above one', () => {
    const net = createNetwork({ arch: 'plain', depth: 3 });
    expect(() => createWorkspace(net, 2, { weightGrads: false })).toThrow(OptionsError);
    expect(() => createWorkspace(net, 2, { weightGrads: false })).toThrow(
      /weightGrads must be true when batch > 1; got false/,
    );
  });

  it('points each layer at the buffer its forward reads', () => {
    const net = createNetwork({ arch: 'residual', depth: 2 });
    const ws = createWorkspace(net);
    expect(ws.layerInput[0]).toBe(ws.input);
    expect(ws.layerInput[1]).toBe(ws.blockOut[0]);
    expect(ws.layerInput[2]).toBe(ws.a[1]);
    expect(ws.layerInput[3]).toBe(ws.blockOut[1]);
    expect(ws.layerInput[4]).toBe(ws.a[3]);
    expect(ws.layerInput[5]).toBe(ws.blockOut[2]);
  });
});
