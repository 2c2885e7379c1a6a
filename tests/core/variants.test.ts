import { describe, expect, it } from 'vitest';
import {
  cell,
  cellLayout,
  cellNormalCount,
  createNetwork,
  createRng,
  drawWeights,
  measureWithRandomInput,
  resolveNetworkConfig,
  runCell,
  type NetworkOptions,
} from '@resnet/core';
import { maxRelError } from './helpers/expectClose.js';
import { readGoldenJson, type GoldenCell } from './helpers/golden.js';

/** A cell of variants_grid.json: the golden fields plus the variant's settings (snake case) and the extra metrics. */
interface VariantCell extends GoldenCell {
  input_size?: number;
  width?: number;
  block?: NetworkOptions['block'];
  init?: NetworkOptions['init'];
  sigma_w2?: number;
  activation?: NetworkOptions['activation'];
  output_activation?: NetworkOptions['outputActivation'];
  branch_scale?: number;
  shortcut_scale?: number;
  layer_grad_norms: number[];
  signal_norms: number[];
  act_signal_norms: number[];
  input_grad_norm: number;
}

const fixture = readGoldenJson<{
  cells: VariantCell[];
  orthogonal: { rows: number; cols: number; seed: number; w: number[] }[];
}>('variants_grid.json');
const golden = readGoldenJson<{ cells: GoldenCell[] }>('golden_grid.json');

/** numpy's LAPACK QR and our Householder QR agree to rounding (measured 1.1e-14); stated slack for another LAPACK. */
const RTOL = 1e-11;
const RTOL_ORTHOGONAL = 1e-10;
const ATOL_ORTHOGONAL_WEIGHTS = 1e-12;

function optionsOf(g: VariantCell): NetworkOptions {
  const o: NetworkOptions = { arch: g.arch, depth: g.depth };
  if (g.input_size !== undefined) o.inputSize = g.input_size;
  if (g.width !== undefined) o.width = g.width;
  if (g.block !== undefined) o.block = g.block;
  if (g.init !== undefined) o.init = g.init;
  if (g.sigma_w2 !== undefined) o.sigmaW2 = g.sigma_w2;
  if (g.activation !== undefined) o.activation = g.activation;
  if (g.output_activation !== undefined) o.outputActivation = g.output_activation;
  if (g.branch_scale !== undefined) o.branchScale = g.branch_scale;
  if (g.shortcut_scale !== undefined) o.shortcutScale = g.shortcut_scale;
  return o;
}

describe('network variants reproduce the numpy reference (variants_grid.json, generate/variants.py)', () => {
  it('covers every init, block kind and activation, for both archs, at depths 3 and 10 and seeds 0 and 1', () => {
    const seen = (key: keyof VariantCell) => new Set(fixture.cells.map((c) => c[key]));
    expect(fixture.cells.length).toBe(144);
    expect(seen('init')).toEqual(new Set([undefined, 'xavier', 'lecun', 'orthogonal']));
    expect(seen('block')).toEqual(new Set([undefined, 'original', 'preact', 'notebook']));
    expect(seen('activation')).toEqual(new Set([undefined, 'tanh', 'linear']));
    expect(seen('arch')).toEqual(new Set(['plain', 'residual']));
  });

  it('has the notebook control cells equal to golden_grid.json (the two generators agree)', () => {
    const controls = fixture.cells.filter(
      (c) =>
        Object.keys(c).every(
          (k) =>
            !['input_size', 'block', 'init', 'sigma_w2', 'activation', 'output_activation', 'branch_scale'].includes(k),
        ) && c.depth === 10,
    );
    expect(controls.length).toBe(4);
    for (const c of controls) {
      const g = golden.cells.find((x) => x.arch === c.arch && x.depth === 10 && x.seed === c.seed)!;
      expect(c.grad_norms).toEqual(g.grad_norms);
      expect(c.act_norms).toEqual(g.act_norms);
    }
  });

  it('matches every metric of every cell (runCell, and signal norms from measureGradientFlow) within rtol 1e-11, orthogonal 1e-10', () => {
    const failures: string[] = [];
    for (const g of fixture.cells) {
      const options = optionsOf(g);
      const r = runCell({ ...options, seed: g.seed });
      const rng = createRng(g.seed);
      const flow = measureWithRandomInput(createNetwork(options, rng), rng);
      const err = Math.max(
        maxRelError(r.gradNorms, g.grad_norms),
        maxRelError(r.layerGradNorms, g.layer_grad_norms),
        maxRelError(r.actNorms, g.act_norms),
        maxRelError(r.signalNorms, g.signal_norms),
        maxRelError(flow.signalNorms, g.signal_norms),
        maxRelError(flow.actSignalNorms, g.act_signal_norms),
        maxRelError(
          [r.xNorm, r.inputGradNorm, r.ratio, r.ratioEps],
          [g.x_norm, g.input_grad_norm, g.ratio, g.ratio_eps],
        ),
      );
      const tol = options.init === 'orthogonal' ? RTOL_ORTHOGONAL : RTOL;
      if (!(err <= tol)) failures.push(`${JSON.stringify({ ...options, seed: g.seed })}: rel err ${err}`);
    }
    expect(failures).toEqual([]);
  });
});

describe('orthogonal init', () => {
  it('equals numpy QR with sign correction (q *= sign(diag r)) within 1e-12 absolute, square, tall and wide', () => {
    for (const m of fixture.orthogonal) {
      const w = drawWeights(new Float64Array(m.rows * m.cols), m.rows, m.cols, createRng(m.seed), 'orthogonal');
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(w[i] - m.w[i]));
      expect(worst, `${m.rows}x${m.cols} seed ${m.seed}`).toBeLessThan(ATOL_ORTHOGONAL_WEIGHTS);
    }
  });

  it('has orthonormal rows or columns (W Wᵀ = I when wide, Wᵀ W = I when tall) times sqrt(sigmaW2)', () => {
    for (const [rows, cols, s2] of [
      [16, 16, 1],
      [12, 5, 2],
      [5, 12, 2.5],
    ] as const) {
      const w = drawWeights(new Float64Array(rows * cols), rows, cols, createRng(3), 'orthogonal', s2);
      const k = Math.min(rows, cols);
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          let dot = 0;
          if (rows >= cols) for (let r = 0; r < rows; r++) dot += w[r * cols + i] * w[r * cols + j];
          else for (let c = 0; c < cols; c++) dot += w[i * cols + c] * w[j * cols + c];
          expect(Math.abs(dot - (i === j ? s2 : 0))).toBeLessThan(1e-13);
        }
      }
    }
  });

  it('consumes exactly rows*cols normals, like the Gaussian inits (x is drawn from the same place)', () => {
    const a = createRng(4);
    const b = createRng(4);
    drawWeights(new Float64Array(45), 9, 5, a, 'orthogonal');
    drawWeights(new Float64Array(45), 9, 5, b, 'he');
    expect(a.normal()).toBe(b.normal());
  });
});

describe('Gaussian inits are randn(out, in) * sqrt(sigmaW2 / fanIn), bit for bit', () => {
  it.each([
    ['he', undefined, 2],
    ['xavier', undefined, 1],
    ['lecun', undefined, 1],
    ['he', 1.5, 1.5],
    ['lecun', 2.5, 2.5],
  ] as const)('%s with sigmaW2 %s draws scale sqrt(%s/fanIn)', (init, sigmaW2, c) => {
    const w = drawWeights(new Float64Array(7 * 5), 7, 5, createRng(9), init, sigmaW2);
    const z = createRng(9).fillNormal(new Float64Array(35));
    expect(w).toEqual(z.map((v) => v * Math.sqrt(c / 5)));
    const net = createNetwork({ arch: 'plain', depth: 2, inputSize: 5, width: 7, init, sigmaW2 });
    expect(net.config.sigmaW2).toBe(c);
  });
});

describe('variant cells in the sweep path (CellRunner)', () => {
  it('replay a pre-drawn seed stream bit for bit, for every block kind and init, one stream for all depths', () => {
    const seed = 23;
    const variants: Partial<NetworkOptions>[] = [
      { block: 'original', branchScale: 0.5 },
      { block: 'preact', shortcutScale: 0.9, activation: 'tanh' },
      { init: 'orthogonal', sigmaW2: 2 },
      { init: 'lecun', block: 'preact' },
    ];
    const stream = createRng(seed).fillNormal(
      new Float64Array(cellNormalCount(resolveNetworkConfig({ arch: 'residual', depth: 9 }))),
    );
    for (const v of variants) {
      for (const depth of [1, 4, 9]) {
        const spec = { ...v, arch: 'residual' as const, depth, seed };
        const layout = cellLayout(spec);
        const drawn = new Float64Array(layout.length);
        const replayed = new Float64Array(layout.length);
        cell(spec, drawn);
        cell(spec, replayed, 0, stream);
        expect(replayed, JSON.stringify(spec)).toEqual(drawn);
      }
    }
  });

  it('keeps variants apart: the same seed and depth under another block or init gives other numbers', () => {
    const base = runCell({ arch: 'residual', depth: 4, seed: 3 });
    for (const v of [
      { block: 'original' },
      { block: 'preact' },
      { init: 'orthogonal' },
      { sigmaW2: 1.5 },
      { activation: 'tanh' },
    ] as const) {
      expect(runCell({ arch: 'residual', depth: 4, seed: 3, ...v }).gradNorms).not.toEqual(base.gradNorms);
    }
    expect(runCell({ arch: 'residual', depth: 4, seed: 3 })).toEqual(base);
  });
});
