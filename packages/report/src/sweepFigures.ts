import { maxOf, depthFor, weightLayerCount, type Arch, type DepthUnit, type NotebookReplay } from '@resnet/core';
import { ReportOptionsError } from './errors.js';
import { fmt, plural } from './format.js';
import { identityFigure, patternsFigure } from './notebookFigures.js';
import { notebookReplay } from './notebookReplay.js';
import type { Figure } from './specs/common.js';
import { figureRef, numberFigures } from './specs/figureRefs.js';
import { layerProfileSpec } from './specs/layerProfile.js';
import { ratioDepthSpec } from './specs/ratioDepth.js';
import { pickDepths, ratioDistributionSpec } from './specs/ratioDistribution.js';
import { archsOf, depthBands, depthsOf, distribution, groupCells, layerBands, type Band } from './stats.js';
import type { SweepCell } from './sweep/types.js';
import { type CurvePalette, curvePalette } from './palette.js';
import { curvesOf, variantRatioFigure, variantsOf } from './variantFigure.js';

/** Options of sweepFigures. */
export interface SweepFigureOptions {
  /** Depth of the per-layer profiles (grad-profile, act-profile); default the deepest depth swept for every arch. */
  depth?: number;
  /** Gradient metric of figure 1; default `layerGradNorms` (||dW|| of every weight layer, the same quantity in both nets). */
  gradMetric?: 'layerGradNorms' | 'gradNorms';
  /** Notebook replay for figure 5; default notebookReplay() (replayNotebook(), computed once per process). */
  replay?: NotebookReplay;
  /** The report's colour per curve (one per variant in every figure); default curvePalette(curvesOf(cells)). */
  palette?: CurvePalette;
}

const BANDS = 'line: median over seeds; dark band: 25–75 % of seeds; light band: 5–95 %';

/** The depth every arch was swept at that the profiles use: options.depth, or the deepest common one. */
export function profileDepth(cells: readonly SweepCell[], depth?: number): number {
  const archs = archsOf(cells);
  const swept = new Set(cells.map((c) => `${c.arch}|${c.depth}`));
  const common = depthsOf(cells).filter((d) => archs.every((a) => swept.has(`${a}|${d}`)));
  if (depth === undefined) {
    const deepest = common.at(-1);
    if (deepest === undefined)
      throw new ReportOptionsError(
        'depth',
        depth,
        'a depth swept for every architecture',
        'The sweep has no depth common to all archs.',
      );
    return deepest;
  }
  if (!common.includes(depth))
    throw new ReportOptionsError('depth', depth, `one of the swept depths (${common.join(', ')})`);
  return depth;
}

const at = (bands: readonly Band[], arch: string, i: number) => bands.filter((b) => b.arch === arch).at(i);
const excluded = (bands: readonly Band[]) => {
  const nf = bands.reduce((s, b) => s + b.nonFinite, 0);
  const np = bands.reduce((s, b) => s + b.nonPositive, 0);
  return nf + np ? ` ${nf} non-finite and ${np} non-positive values are left out of the log plot.` : '';
};

/** Figures 1 to 5 of a sweep: statistics over seeds computed here (core's summaryStats), passed to vega as data. */
export function sweepFigures(allCells: readonly SweepCell[], options: SweepFigureOptions = {}): Figure[] {
  // A sweep over variant axes: the four sweep figures show its first variant, one more figure every variant.
  const variants = variantsOf(allCells);
  const first = new Map<string, string | undefined>();
  for (const c of allCells) if (!first.has(c.arch)) first.set(c.arch, c.variant);
  const cells = variants.length ? allCells.filter((c) => c.variant === first.get(c.arch)) : allCells;
  const depth = profileDepth(cells, options.depth);
  const metric = options.gradMetric ?? 'layerGradNorms';
  const groups = groupCells(cells);
  const seeds = maxOf([...groups.values()].map((g) => g.length));
  const atDepth = archsOf(cells).map((a) => groups.get(`${a}|${depth}`)!);
  // 1. Per-layer bands at the chosen depth; 2. per-depth bands and boxes of the ratio.
  const grad = atDepth.flatMap((g) => layerBands(g, metric));
  const act = atDepth.flatMap((g) => layerBands(g, 'actNorms'));
  const ratio = depthBands(cells, (c) => c.ratio);
  const swept = depthsOf(cells);
  const deepest = swept.at(-1)!;
  // ratio-distribution shows a readable few depths (at most 8, evenly spaced, the deepest included).
  const shown = pickDepths(swept);
  const shownSet = new Set(shown);
  const dist = distribution(
    shown.length < swept.length ? cells.filter((c) => shownSet.has(c.depth)) : cells,
    (c) => c.ratio,
  );
  const which =
    shown.length < swept.length
      ? `at ${shown.length} of the ${swept.length} swept depths, evenly spaced (${shown.join(', ')})`
      : `at each swept depth (${shown.join(', ')})`;
  const replay = options.replay ?? notebookReplay();
  // A grid in --depth-unit layers or blocks gives both nets the same weight layers at each depth.
  const unit = cells[0]?.depthUnit ?? 'native';
  // Each net's depth field at the profile depth (core's depthFor; NaN where the unit gives no such net).
  const net = (arch: Arch) => {
    try {
      return depthFor({ arch, unit, value: depth });
    } catch {
      return Number.NaN;
    }
  };
  const plainLayers = weightLayerCount('plain', net('plain'));
  const blocks = net('residual');
  const layersWord = `the plain net’s ${plainLayers} layers and the residual net’s ${weightLayerCount('residual', blocks)} weight layers (${blocks} blocks of two, plus input and output projections)`;
  const figures: Figure[] = [
    {
      name: 'grad-profile',
      title: `Gradient norm by layer at depth ${depth}`,
      caption:
        (metric === 'layerGradNorms'
          ? `The gradient of every weight layer, ‖dW‖_F (the sweep’s layerGradNorms), `
          : `The notebook’s grad_norms (the residual net’s blocks as the mean of their two layers), `) +
        `at depth ${depth} over ${plural(seeds, 'seed')}; ${BANDS}; log scale. The x axis is relative depth, so ${metric === 'layerGradNorms' ? layersWord : `the two nets’ ${plainLayers} and ${blocks + 2} entries`} line up. ` +
        `Median ‖dW‖ at the input layer: plain ${fmt(at(grad, 'plain', 0)?.median ?? NaN)}, residual ${fmt(at(grad, 'residual', 0)?.median ?? NaN)}; ` +
        `at the output layer: plain ${fmt(at(grad, 'plain', -1)?.median ?? NaN)}, residual ${fmt(at(grad, 'residual', -1)?.median ?? NaN)}. ` +
        `A line that drops towards x = 0 means gradients shrink on their way back to the input. The residual net’s gradients are large at every layer because its forward signal is (Figure ${figureRef('act-profile')}).` +
        excluded(grad),
      spec: layerProfileSpec(grad, metric),
    },
    {
      name: 'ratio-depth',
      title: 'First/last gradient ratio against depth',
      caption:
        `The notebook’s measure, gradNorms[0] / gradNorms[last], at each depth over ${plural(seeds, 'seed')}; ${BANDS}; log scale; dashed line at 1 (same gradient at both ends). ` +
        `The notebook plotted one seed per depth; the bands show how far one seed can land from the median: at depth ${deepest} the plain net’s ratio runs from ` +
        `${fmt(at(ratio, 'plain', -1)?.p5 ?? NaN)} (5 %) to ${fmt(at(ratio, 'plain', -1)?.p95 ?? NaN)} (95 %), the residual net’s from ` +
        `${fmt(at(ratio, 'residual', -1)?.p5 ?? NaN)} to ${fmt(at(ratio, 'residual', -1)?.p95 ?? NaN)}. ` +
        (unit === 'native'
          ? `Depth counts layers for the plain net but blocks for the residual net, so at equal depth the residual net has about twice as many weight layers.`
          : `Depth counts ${DEPTH_WORDS[unit]} (--depth-unit ${unit}), so at equal depth both nets have the same number of weight layers.`) +
        excluded(ratio),
      spec: ratioDepthSpec(
        ratio,
        unit === 'native' ? undefined : `Depth (${unit === 'layers' ? 'weight layers' : 'residual blocks'})`,
      ),
    },
    {
      name: 'act-profile',
      title: `Forward activation norm by layer at depth ${depth}`,
      caption:
        `The norm of the forward signal after each layer at depth ${depth} (plain: each layer’s output; residual: the input projection, each block’s output after the skip add, the final output) ` +
        `over ${plural(seeds, 'seed')}; ${BANDS}; log scale; relative depth on x. ${growth(act, depth)}` +
        `The ratio of Figure ${figureRef('ratio-depth')} divides this growth away, so it cannot show it.` +
        excluded(act),
      spec: layerProfileSpec(act, 'actNorms'),
    },
    {
      name: 'ratio-distribution',
      title:
        shown.length < swept.length
          ? 'Distribution of the first/last ratio at selected depths'
          : 'Distribution of the first/last ratio at each depth',
      caption:
        `Every seed’s first/last gradient ratio ${which}, one panel per architecture on a shared log scale: box 25–75 %, black line the median, whiskers 5–95 %, ` +
        `and a dot for every seed beyond the whiskers; dashed line at 1. ${tails(cells, dist.boxes, deepest)}`,
      spec: ratioDistributionSpec(dist.boxes, dist.outliers),
    },
    patternsFigure(replay.patterns),
    identityFigure(replay.identity, { weightScale: 0.001 }),
  ];
  return numberFigures(
    variants.length
      ? withVariants(figures, allCells, variants, options.palette ?? curvePalette(curvesOf(allCells)))
      : figures,
  );
}

/** What a depth counts in each depth unit, in words (captions). */
export const DEPTH_WORDS: Record<DepthUnit, string> = {
  native: 'weight layers for the plain net and blocks for the residual net',
  layers: 'weight layers for both nets',
  blocks: 'residual blocks for both nets (a plain net of depth B has 2B + 2 layers)',
};

/** The sweep's four figures marked as the first variant's, then the per-variant ratio figure, then the notebook's. */
function withVariants(
  figures: Figure[],
  cells: readonly SweepCell[],
  variants: readonly string[],
  palette: CurvePalette,
): Figure[] {
  const unit = cells[0]?.depthUnit ?? 'native';
  const shown = variants.find((v) => v !== '') ?? '';
  const note = `Variant “${shown}” only, the first of the sweep’s ${variants.filter((v) => v !== '').length} (Figure ${figureRef('ratio-depth-variants')} compares them all). `;
  const marked = figures.map((f, i) => (i < 4 ? { ...f, caption: note + f.caption } : f));
  return [...marked.slice(0, 4), variantRatioFigure(cells, DEPTH_WORDS[unit], palette), ...marked.slice(4)];
}

/** The residual net's forward growth in words (median per-block factor), or nothing when it isn't swept. */
function growth(act: readonly Band[], depth: number): string {
  const first = at(act, 'residual', 0)?.median;
  const lastBlock = at(act, 'residual', -2)?.median;
  const plainLast = at(act, 'plain', -1)?.median;
  if (first === undefined || lastBlock === undefined || !(first > 0) || !(lastBlock > 0)) return '';
  const factor = (lastBlock / first) ** (1 / depth);
  return (
    `In the residual net the median norm grows about ${fmt(factor)}× per block, to ${fmt(lastBlock)} after block ${depth}` +
    (plainLast !== undefined ? ` (plain net’s output: ${fmt(plainLast)})` : '') +
    `: the ReLU makes each branch output non-negative and nothing normalises, so every skip add enlarges the signal, and the gradients grow with it. `
  );
}

/** Heavy tails and the paired comparison at the deepest depth, in words. */
function tails(cells: readonly SweepCell[], boxes: readonly Band[], deepest: number): string {
  const parts: string[] = [];
  for (const arch of ['plain', 'residual'] as const) {
    const g = cells.filter((c) => c.arch === arch && c.depth === deepest && Number.isFinite(c.ratio));
    const b = boxes.find((x) => x.arch === arch && x.x === deepest);
    if (!g.length || !b) continue;
    const max = maxOf(g.map((c) => c.ratio));
    parts.push(
      `at depth ${deepest} the ${arch} net’s largest ratio is ${fmt(max)}, ${fmt(max / b.median)}× its median`,
    );
  }
  const plain = new Map(cells.filter((c) => c.arch === 'plain' && c.depth === deepest).map((c) => [c.seed, c.ratio]));
  const pairs = cells.filter((c) => c.arch === 'residual' && c.depth === deepest && plain.has(c.seed));
  let text = parts.length ? `Tails: ${parts.join('; ')}.` : '';
  if (pairs.length) {
    const wins = pairs.filter((c) => plain.get(c.seed)! > c.ratio).length;
    const share = wins === pairs.length ? 'every one' : `${fmt((100 * wins) / pairs.length)} %`;
    text += ` Paired by seed at depth ${deepest}, the plain ratio exceeds the residual one in ${share} of ${plural(pairs.length, 'seed')}.`;
  }
  return text;
}
