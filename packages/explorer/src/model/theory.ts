import {
  P2_BLOCKS,
  notebookStreamMeanField,
  resolveNetworkConfig,
  valueAt,
  type Activation,
  type NetworkConfig,
} from '@resnet/core';
import type { GridLayout } from '@resnet/sweep/browser';
import type { Series } from './series.js';

// The predictions of `resnet theory` (core/theory) that apply to a curve of the page, as lines over its data.
// Each is a law for a mean of squares, E||.||², at initialisation; the page draws its square root beside the
// measured root mean square over seeds (the bands are quantiles of the same values).

/** A prediction drawn over one view of one curve. */
export interface TheoryLine {
  view: 'act' | 'ratio';
  /** What the line is, e.g. `prediction 1: ×σ²/2 per layer`. */
  name: string;
  /** Where the law comes from, and a link to it. */
  source: string;
  href: string;
  /** Predicted root mean square at each of the curve's groups (grid depth order). */
  values: number[];
}

/** The lines that apply to a curve, and why the others do not (one line each). */
export interface SeriesTheory {
  lines: TheoryLine[];
  notes: string[];
}

const PAPERS = {
  he2015: 'https://arxiv.org/abs/1502.01852',
  he2016: 'https://arxiv.org/abs/1603.05027',
  rezero: 'https://arxiv.org/abs/2003.04887',
  deSmith: 'https://arxiv.org/abs/2002.10444',
} as const;

/** E[phi(z)²] / E[z²] for a zero-mean symmetric z: what an activation keeps of a layer's squared norm. */
function kept(a: Activation): number | null {
  return a === 'relu' ? 0.5 : a === 'linear' ? 1 : null;
}

const every = (c: NetworkConfig, field: 'branchScale' | 'shortcutScale', ok: (v: number) => boolean) =>
  Array.from({ length: c.depth }, (_, b) => valueAt(c[field], b)).every(ok);

/** E||x_B||² / E||x_0||² of a residual net's stream where core/theory has a law for it, with the law's name. */
function streamLaw(c: NetworkConfig): { q: number; name: string; source: string; href: string } | string {
  const B = c.depth;
  const he = c.sigmaW2 === 2;
  if (every(c, 'branchScale', (v) => v === 0) && P2_BLOCKS.includes(c.block)) {
    let q = 1;
    for (let b = 0; b < B; b++) q *= valueAt(c.shortcutScale, b) ** 2;
    const rezero = every(c, 'shortcutScale', (v) => v === 1);
    return rezero
      ? {
          q,
          name: 'prediction 3: η = 0 keeps the stream, ||x_B|| = ||x_0||',
          source: 'ReZero (Bachlechner et al. 2020)',
          href: PAPERS.rezero,
        }
      : { q, name: 'prediction 2: η = 0, ||x_B|| = λ^B ||x_0||', source: 'He et al. 2016, eq. 5', href: PAPERS.he2016 };
  }
  if (c.activation !== 'relu' || !he || !every(c, 'shortcutScale', (v) => v === 1))
    return 'the stream laws of resnet theory assume ReLU, σ_w² = 2 and λ = 1 (or a zero branch, η = 0).';
  if (c.block === 'preact') {
    if (c.inputActivation !== 'linear')
      return 'prediction 4 (×(1 + η²) per block) assumes a zero-mean stream: set the input activation to linear.';
    let q = 1;
    for (let b = 0; b < B; b++) q *= 1 + valueAt(c.branchScale, b) ** 2;
    return {
      q,
      name: 'prediction 4: ×(1 + η²) per pre-activation block',
      source: 'He et al. 2016; De and Smith 2020',
      href: PAPERS.deSmith,
    };
  }
  if (c.block === 'notebook' && every(c, 'branchScale', (v) => v === 1) && c.inputActivation === 'relu') {
    return {
      q: notebookStreamMeanField(B)[B]!,
      name: 'prediction 4d: the mean-field recursion (width → ∞)',
      source: 'resnet theory, row 4d',
      href: PAPERS.he2016,
    };
  }
  return 'no stream law of resnet theory covers this block with these scales.';
}

/** E||output||² / E||x||²-free: the predicted mean squared norm of the output of one network (x ~ N(0, I_d)). */
function outputLaw(c: NetworkConfig): { e: number; name: string; source: string; href: string } | string {
  const d = c.inputSize;
  const n = c.width;
  const s2 = c.sigmaW2 as number;
  const out = kept(c.outputActivation);
  if (out === null) return 'the laws need a ReLU or linear output activation.';
  // The output layer: fan-in n, d outputs, independent Gaussian weights: E||out||² = (d/n)·σ²·kept·E||h||².
  const head = (d / n) * s2 * out;
  if (c.arch === 'plain') {
    if (c.activation !== 'relu') return 'prediction 1 is stated for ReLU hidden layers.';
    // E||h_0||² = nσ²/2 from E||x||² = d; each hidden layer multiplies by σ²/2.
    const hidden = ((n * s2) / 2) * (s2 / 2) ** (c.depth - 2);
    return {
      e: hidden * head,
      name: 'prediction 1: ×σ²/2 per layer',
      source: 'He et al. 2015, sec. 2.2',
      href: PAPERS.he2015,
    };
  }
  const input = kept(c.inputActivation);
  if (input === null) return 'the laws need a ReLU or linear input projection.';
  const law = streamLaw(c);
  if (typeof law === 'string') return law;
  return { ...law, e: n * s2 * input * law.q * head };
}

/** The lines of resnet theory over a curve's views, or why none applies. */
export function theoryFor(l: GridLayout, series: Series): SeriesTheory {
  const notes: string[] = [];
  const specs = series.groups.map((g) => l.groupCells[g]!.spec);
  const configs = specs.map((s) => resolveNetworkConfig(s));
  const first = configs[0]!;
  if ((specs[0]!.batch ?? 1) > 1)
    return { lines: [], notes: ['the predictions are stated for one input per net (batch 1).'] };
  if (first.init === 'orthogonal' || configs.some((c) => typeof c.sigmaW2 !== 'number'))
    return { lines: [], notes: ['the predictions are stated for Gaussian weights with one σ_w² for every layer.'] };
  const lines: TheoryLine[] = [];
  const laws = configs.map(outputLaw);
  const bad = laws.find((x) => typeof x === 'string');
  if (bad !== undefined) notes.push(bad as string);
  else {
    const law = laws[0] as Exclude<(typeof laws)[number], string>;
    lines.push({
      view: 'act',
      name: law.name,
      source: law.source,
      href: law.href,
      values: laws.map((x) => Math.sqrt((x as { e: number }).e)),
    });
  }
  const zeroMean = specs[0]!.dout === 'normal' && first.outputActivation === 'linear';
  if (first.arch === 'plain' && first.activation === 'relu' && first.sigmaW2 === 2 && first.width === first.inputSize) {
    if (zeroMean)
      lines.push({
        view: 'ratio',
        name: 'prediction 1c: mean ||dW_first||² = mean ||dW_last||²',
        source: 'He et al. 2015, sec. 2.2',
        href: PAPERS.he2015,
        values: configs.map(() => 1),
      });
    else
      notes.push('prediction 1c (a flat mean ||dW||²) needs a zero-mean output gradient: dout normal, linear output.');
  }
  return { lines, notes };
}
