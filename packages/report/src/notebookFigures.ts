import type { IdentityDemo, NotebookReplay, Patterns } from '@resnet/core';
import { fmt } from './format.js';
import type { Figure } from './specs/common.js';
import { identitySpec } from './specs/identity.js';
import { depthScalingSpec, gradientFlowSpec } from './specs/notebook.js';
import { patternsSpec } from './specs/patterns.js';

/** Figure of pattern samples (the notebook's, or any generatePatterns output): a few images of each class. */
export function patternsFigure(patterns: Patterns): Figure {
  let figure = patternFigures.get(patterns);
  if (!figure) {
    figure = buildPatternsFigure(patterns);
    patternFigures.set(patterns, figure);
  }
  return figure;
}

// Figures are pure functions of core objects: one per object, so a kept view (FigureView.keep) is found again.
const patternFigures = new WeakMap<Patterns, Figure>();
const identityFigures = new WeakMap<IdentityDemo, Map<string, Figure>>();

function buildPatternsFigure(patterns: Patterns): Figure {
  const perClass = patternsPerClass(patterns.size);
  return {
    name: 'patterns',
    title: 'Synthetic line patterns',
    caption:
      `The notebook’s synthetic “image” data: the first ${perClass} sample${perClass === 1 ? '' : 's'} of each class, out of ${patterns.numSamples} ` +
      `${patterns.size}×${patterns.size} samples. Sample i has class i mod 3 (a line in row 2, a line in column 3, or the diagonal) ` +
      `plus Gaussian noise (standard deviation 0.1 in the notebook); darker is larger. The notebook only shows these images: nothing is trained on them.`,
    spec: patternsSpec(patterns, perClass),
    keep: true,
  };
}

/** Options of identityFigure. */
export interface IdentityFigureOptions {
  /** Factor the block's weights were scaled by (the notebook's 0.001), for the caption. */
  weightScale?: number;
}

/** Figure of an identity-mapping demo (the notebook's, or any identityDemo output); the caption reads its numbers. */
export function identityFigure(demo: IdentityDemo, options: IdentityFigureOptions = {}): Figure {
  const byScale = identityFigures.get(demo) ?? new Map<string, Figure>();
  identityFigures.set(demo, byScale);
  const key = String(options.weightScale);
  let figure = byScale.get(key);
  if (!figure) {
    figure = buildIdentityFigure(demo, options);
    byScale.set(key, figure);
  }
  return figure;
}

function buildIdentityFigure(demo: IdentityDemo, options: IdentityFigureOptions): Figure {
  const scaled = options.weightScale === undefined ? 'scaled down' : `scaled by ${options.weightScale}`;
  const relative = demo.inputNorm > 0 ? demo.identityError / demo.inputNorm : Infinity;
  const verdict =
    relative < 1e-2
      ? `every dot sits on the dashed line y = x: with small weights the block starts as the identity, which is why extra residual blocks need not make a network worse.`
      : `the dots stray from the dashed line y = x: at this scale the block is far from the identity.`;
  return {
    name: 'identity',
    title: 'Identity mapping: a residual block with small weights',
    caption:
      `The identity-mapping demo: one residual block y = F(x) + x with its weights ${scaled}. ` +
      `Each dot is one of the ${demo.x.length} elements, block output against input. ‖F(x)‖ = ${fmt(demo.identityError)} against ‖x‖ = ${fmt(demo.inputNorm)}, so ${verdict}`,
    spec: identitySpec(demo),
    keep: true,
  };
}

/** How many samples of each class the patterns figure shows: fewer as images grow, to keep the figure light. */
function patternsPerClass(size: number): number {
  return Math.max(1, Math.min(4, Math.floor(1024 / (size * size))));
}

/**
 * The notebook's figures from a replay (for `resnet reproduce`): gradient flow at depth 10, depth
 * scaling, patterns and the identity demo. One seed each, exactly as the notebook.
 */
export function notebookFigures(replay: NotebookReplay): Figure[] {
  const scaling = replay.depthScaling;
  return [
    {
      name: 'gradient-flow',
      title: `Gradient flow at depth ${replay.depth} (notebook replay, one seed)`,
      caption:
        `The notebook’s gradient-flow plot, replayed: the gradient norm of each layer for one random input (seed 42) at depth ${replay.depth}, log scale. ` +
        `The plain net has ${replay.plainGrads.length} entries (one per layer); the residual net has ${replay.resnetGrads.length} ` +
        `(input projection, the mean of each block’s two layers, output projection), so the two lines do not compare the same number of layers. ` +
        `First/last ratio: plain ${fmt(replay.plainRatio)}, residual ${fmt(replay.resnetRatio)} (the notebook’s “${fmt(replay.improvement)}× better”). ` +
        `This is one seed; a sweep over seeds shows how much that number varies.`,
      spec: gradientFlowSpec(replay.plainGrads, replay.resnetGrads),
    },
    {
      name: 'depth-scaling',
      title: 'First/last gradient ratio against depth (notebook replay, one seed per depth)',
      caption:
        `The notebook’s depth-scaling table as a plot: first/last gradient ratio (with the notebook’s +1e-10) at depths ${scaling.map((r) => r.depth).join(', ')}, ` +
        `one network and one input per depth, log scale; dashed line at ratio 1. Depth counts layers for the plain net and blocks for the residual net ` +
        `(${scaling.at(-1)?.depth ?? ''} blocks are ${2 * (scaling.at(-1)?.depth ?? 0) + 2} weight layers). With one seed per point, the ups and downs are mostly noise.`,
      spec: depthScalingSpec(scaling),
    },
    patternsFigure(replay.patterns),
    identityFigure(replay.identity, { weightScale: 0.001 }),
  ];
}
