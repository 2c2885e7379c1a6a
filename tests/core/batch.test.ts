import { describe, expect, it } from 'vitest';
import {
  type NetworkOptions,
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
  norm,
  resolveNetworkConfig,
  runCell,
  type CellResult,
  type CellSpec,
} from '@resnet/core';
import { maxRelError } from './helpers/expectClose.js';
import { readGoldenJson, type GoldenCell } from './helpers/golden.js';
import { numericGradient, relativeError } from './helpers/gradcheck.js';

/**
 * The batch cell rebuilt from n single-sample nets sharing the cell's weights: sample s is draws
 * [s·inputSize, (s+1)·inputSize) after the weights (numpy's randn(n, inputSize)), its dout likewise after all of x.
 * dW of the batch is the sum of the per-sample dW; every other norm is sqrt of the sum of squared per-sample norms.
 */
function perSample(spec: CellSpec, n: number) {
  const net = createNetwork(resolveNetworkConfig(spec));
  const rng = createRng(spec.seed);
  initWeights(net, rng);
  const size = net.config.inputSize;
  const x = rng.fillNormal(new Float64Array(n * size));
  const d = spec.dout === 'normal' ? rng.fillNormal(new Float64Array(n * size)) : new Float64Array(n * size).fill(1);
  const ws = createWorkspace(net, 1);
  const dW = net.layers.map((l) => new Float64Array(l.w.length));
  const flow = createGradientFlow(net);
  const sq = {
    actNorms: new Float64Array(flow.actNorms.length),
    signalNorms: new Float64Array(flow.signalNorms.length),
    input: 0,
    x: 0,
  };
  for (let s = 0; s < n; s++) {
    forward(net, ws, x.subarray(s * size, (s + 1) * size));
    backward(net, ws, d.subarray(s * size, (s + 1) * size));
    gradientFlow(net, ws, flow);
    ws.grads.forEach((g, l) => {
      for (let i = 0; i < g.dW.length; i++) dW[l]![i] += g.dW[i];
    });
    for (const k of ['actNorms', 'signalNorms'] as const)
      for (let i = 0; i < flow[k].length; i++) sq[k][i] += flow[k][i] ** 2;
    sq.input += flow.inputGradNorm ** 2;
    sq.x += norm(x.subarray(s * size, (s + 1) * size)) ** 2;
  }
  return {
    layerGradNorms: dW.map((g) => norm(g)),
    actNorms: Array.from(sq.actNorms, Math.sqrt),
    signalNorms: Array.from(sq.signalNorms, Math.sqrt),
    inputGradNorm: Math.sqrt(sq.input),
    xNorm: Math.sqrt(sq.x),
  };
}

const SPECS: CellSpec[] = [
  { arch: 'plain', depth: 5, seed: 3 },
  { arch: 'plain', depth: 4, seed: 9, width: 7, inputSize: 5, dout: 'normal', outputActivation: 'linear' },
  { arch: 'residual', depth: 3, seed: 4 },
  { arch: 'residual', depth: 4, seed: 12, block: 'preact', branchScale: 0.5, dout: 'normal', activation: 'tanh' },
];

describe('a cell over a batch of inputs (batch)', () => {
  it('equals the sum of per-sample gradients of single-sample nets with the same weights', () => {
    for (const spec of SPECS) {
      for (const n of [2, 5]) {
        const got = runCell({ ...spec, batch: n });
        const want = perSample(spec, n);
        expect(maxRelError(got.layerGradNorms, want.layerGradNorms), `${JSON.stringify(spec)} n=${n}`).toBeLessThan(
          1e-12,
        );
        expect(maxRelError(got.actNorms, want.actNorms)).toBeLessThan(1e-12);
        expect(maxRelError(got.signalNorms, want.signalNorms)).toBeLessThan(1e-12);
        expect(got.inputGradNorm).toBeCloseTo(want.inputGradNorm, 10);
        expect(got.xNorm).toBeCloseTo(want.xNorm, 12);
        expect(got.gradNorms[0]).toBe(got.layerGradNorms[0]);
        expect(got.ratio).toBe(got.gradNorms[0]! / got.gradNorms[got.gradNorms.length - 1]!);
      }
    }
  });

  it('has a reference that is the batch-1 cell at n = 1, and batch 2 gives another record', () => {
    const spec: CellSpec = { arch: 'plain', depth: 6, seed: 1, dout: 'normal', outputActivation: 'linear' };
    const one = runCell(spec);
    const two = perSample(spec, 2);
    expect(two.xNorm).toBeGreaterThan(one.xNorm);
    expect(maxRelError(perSample(spec, 1).layerGradNorms, one.layerGradNorms)).toBeLessThan(1e-12);
    expect(runCell({ ...spec, batch: 2 }).layerGradNorms).not.toEqual(one.layerGradNorms);
  });

  it('matches central finite differences of the batch loss sum(out * dout)', () => {
    const spec: CellSpec = {
      arch: 'residual',
      depth: 2,
      seed: 6,
      width: 5,
      inputSize: 4,
      dout: 'normal',
      block: 'original',
      branchScale: 0.7,
    };
    const n = 3;
    const net = createNetwork(resolveNetworkConfig(spec));
    const rng = createRng(spec.seed);
    initWeights(net, rng);
    const size = net.config.inputSize;
    // numpy's randn(n, size) draws sample by sample; the workspace holds [size×n].
    const columns = (draws: Float64Array) =>
      Float64Array.from({ length: draws.length }, (_, k) => draws[(k % n) * size + Math.floor(k / n)]!);
    const x = columns(rng.fillNormal(new Float64Array(n * size)));
    const d = columns(rng.fillNormal(new Float64Array(n * size)));
    const ws = createWorkspace(net, n);
    const loss = () => {
      const out = forward(net, ws, x);
      let s = 0;
      for (let i = 0; i < d.length; i++) s += out[i] * d[i];
      return s;
    };
    const numeric = numericGradient(loss, net.weights);
    forward(net, ws, x);
    backward(net, ws, d);
    const analytic = new Float64Array(net.weights.length);
    let at = 0;
    for (const g of ws.grads) {
      analytic.set(g.dW, at);
      at += g.dW.length;
    }
    expect(relativeError(analytic, numeric)).toBeLessThan(1e-7);
    // The cell's record holds the norms of exactly these gradients.
    const got = runCell({ ...spec, batch: n });
    at = 0;
    const fd = net.layers.map((l) => {
      const g = numeric.subarray(at, at + l.w.length);
      at += l.w.length;
      return norm(g);
    });
    expect(maxRelError(got.layerGradNorms, fd)).toBeLessThan(1e-6);
  });

  it('leaves batch 1 bit-identical to no batch, and counts batch·inputSize draws for x and for a normal dout', () => {
    for (const spec of SPECS) {
      const same: CellResult = runCell({ ...spec, batch: 1 });
      expect(same).toEqual(runCell(spec));
      const config = resolveNetworkConfig(spec);
      const dout = spec.dout ?? 'ones';
      expect(cellNormalCount(config, dout, 1)).toBe(cellNormalCount(config, dout));
      expect(cellNormalCount(config, dout, 4) - cellNormalCount(config, dout)).toBe(
        3 * config.inputSize * (dout === 'normal' ? 2 : 1),
      );
    }
  });

  it('replays a pre-drawn stream bit for bit and refuses one too short for the batch', () => {
    const spec: CellSpec = { arch: 'residual', depth: 3, seed: 17, dout: 'normal', batch: 3 };
    const config = resolveNetworkConfig(spec);
    const count = cellNormalCount(config, 'normal', 3);
    const stream = createRng(17).fillNormal(new Float64Array(count));
    const drawn = new Float64Array(cellLayout(config).length);
    const replayed = new Float64Array(drawn.length);
    cell(spec, drawn);
    cell(spec, replayed, 0, stream);
    expect(replayed).toEqual(drawn);
    expect(() => cell(spec, replayed, 0, stream.subarray(0, count - 1))).toThrow(/stream/);
  });

  it('runs batches and depths in any order with one runner (buffers per batch size)', () => {
    const a = runCell({ arch: 'plain', depth: 8, seed: 2, batch: 3 });
    runCell({ arch: 'plain', depth: 3, seed: 2 });
    runCell({ arch: 'plain', depth: 50, seed: 2, batch: 3 });
    expect(runCell({ arch: 'plain', depth: 8, seed: 2, batch: 3 })).toEqual(a);
  });

  it('refuses a batch that is not an integer >= 1, naming the field', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '2'])
      expect(() => runCell({ arch: 'plain', depth: 3, seed: 0, batch: bad as number })).toThrow(
        /batch.*an integer >= 1/,
      );
  });
});

/** A cell of batch_grid.json (generate/batch.py): the variant's settings in snake case and its metrics. */
interface BatchCell extends GoldenCell {
  batch: number;
  dout?: 'ones' | 'normal';
  input_size?: number;
  width?: number;
  block?: NetworkOptions['block'];
  activation?: NetworkOptions['activation'];
  output_activation?: NetworkOptions['outputActivation'];
  branch_scale?: number;
  shortcut_scale?: number;
  layer_grad_norms: number[];
  signal_norms: number[];
  input_grad_norm: number;
}

describe('batch cells reproduce the numpy reference (batch_grid.json, generate/batch.py)', () => {
  const fixture = readGoldenJson<{ cells: BatchCell[] }>('batch_grid.json');

  it('covers batches 1 to 5, both douts and both archs', () => {
    expect(new Set(fixture.cells.map((c) => c.batch))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(new Set(fixture.cells.map((c) => c.dout ?? 'ones'))).toEqual(new Set(['ones', 'normal']));
    expect(new Set(fixture.cells.map((c) => c.arch))).toEqual(new Set(['plain', 'residual']));
  });

  it('matches every metric at rtol 1e-11', () => {
    for (const g of fixture.cells) {
      const fields = {
        batch: g.batch,
        dout: g.dout,
        inputSize: g.input_size,
        width: g.width,
        block: g.block,
        activation: g.activation,
        outputActivation: g.output_activation,
        branchScale: g.branch_scale,
        shortcutScale: g.shortcut_scale,
      };
      // Only the fields the cell lists: core fills the rest with the notebook's defaults.
      const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
      const got = runCell({ arch: g.arch, depth: g.depth, seed: g.seed, ...given });
      const where = JSON.stringify({
        ...g,
        grad_norms: undefined,
        layer_grad_norms: undefined,
        act_norms: undefined,
        signal_norms: undefined,
      });
      expect(maxRelError(got.gradNorms, g.grad_norms), where).toBeLessThan(1e-11);
      expect(maxRelError(got.layerGradNorms, g.layer_grad_norms), where).toBeLessThan(1e-11);
      expect(maxRelError(got.actNorms, g.act_norms), where).toBeLessThan(1e-11);
      expect(maxRelError(got.signalNorms, g.signal_norms), where).toBeLessThan(1e-11);
      expect(
        maxRelError([got.xNorm, got.inputGradNorm, got.ratio], [g.x_norm, g.input_grad_norm, g.ratio]),
        where,
      ).toBeLessThan(1e-11);
    }
  });
});
