import { maxOf, minOf, depthFor, weightLayerCount, type Arch, type DepthUnit, type NotebookReplay } from '@resnet/core';
import { ReportOptionsError } from './errors.js';
import { fmt, plural } from './format.js';
import { identityFigure, patternsFigure } from './notebookFigures.js';
import { notebookReplay } from './notebookReplay.js';
import type { Figure } from './specs/common.js';
import { figureRef, numberFigures } from './specs/figureRefs.js';
import { layerProfileSpec } from './specs/layerProfile.js';
import { ratioDepthSpec } from './specs/ratioDepth.js';
import { pickDepths, ratioDistributionSpec } from './specs/ratioDistribution.js';
import { archsOf, depthsOf, type Band, type Box } from './stats.js';
import { statsOfCells } from './statsOfCells.js';
import type { SweepCell } from './sweep/types.js';
import { archsOfGroups, isShown, MAX_OUTLIER_DOTS, planStats, type GroupStats, type SweepStats } from './sweepStats.js';
import { type CurvePalette, curvePalette } from './palette.js';
import { curvesOfGroups, variantRatioFigure, variantsOfGroups } from './variantFigure.js';

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

/** Figures 1 to 5 of a sweep from its cells in memory: statistics over seeds (statsOfCells), passed to vega as data. */
export function sweepFigures(allCells: readonly SweepCell[], options: SweepFigureOptions = {}): Figure[] {
  return figuresOfStats(statsOfCells(allCells, options), options);
}

/** Figures 1 to 5 of a sweep from its statistics (statsOfCells, or streamSweepStats from a folder of any size). */
export function figuresOfStats(stats: SweepStats, options: SweepFigureOptions = {}): Figure[] {
  // A sweep over variant axes: the four sweep figures show its first variant, one more figure every variant.
  const all = stats.groups;
  const variants = variantsOfGroups(all);
  const plan = planStats(all, stats.profile.depth);
  const groups = all.filter((g) => g.count > 0 && isShown(plan, g));
  const { depth, metric, grad, act } = stats.profile;
  const seeds = maxOf(groups.map((g) => g.count));
  // 1. Per-layer bands at the chosen depth; 2. per-depth bands and boxes of the ratio.
  const ordered = archsOfGroups(groups).flatMap((a) =>
    groups.filter((g) => g.arch === a).sort((x, y) => x.depth - y.depth),
  );
  const ratio = ordered.map((g) => g.ratio);
  const swept = [...new Set(groups.map((g) => g.depth))].sort((a, b) => a - b);
  const deepest = swept.at(-1)!;
  // ratio-distribution shows a readable few depths (at most 8, evenly spaced, the deepest included).
  const shown = pickDepths(swept);
  const dist = distributionOf(ordered.filter((g) => plan.shown.has(g.depth)));
  const which =
    shown.length < swept.length
      ? `at ${shown.length} of the ${swept.length} swept depths, evenly spaced (${shown.join(', ')})`
      : `at each swept depth (${shown.join(', ')})`;
  const replay = options.replay ?? notebookReplay();
  // A grid in --depth-unit layers or blocks gives both nets the same weight layers at each depth.
  const unit = stats.depthUnit;
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
        `and a dot for every seed beyond the whiskers${binnedWords(dist)}; dashed line at 1. ${tails(ordered, stats.pairs, deepest)}`,
      spec: ratioDistributionSpec(dist.boxes, dist.outliers, dist.bins, dist.range),
    },
    patternsFigure(replay.patterns),
    identityFigure(replay.identity, { weightScale: 0.001 }),
  ];
  return numberFigures(
    variants.length
      ? withVariants(figures, stats, variants, options.palette ?? curvePalette(curvesOfGroups(all)))
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
  stats: SweepStats,
  variants: readonly string[],
  palette: CurvePalette,
): Figure[] {
  const shown = variants.find((v) => v !== '') ?? '';
  const note = `Variant “${shown}” only, the first of the sweep’s ${variants.filter((v) => v !== '').length} (Figure ${figureRef('ratio-depth-variants')} compares them all). `;
  const marked = figures.map((f, i) => (i < 4 ? { ...f, caption: note + f.caption } : f));
  const variantFigure = variantRatioFigure(stats.groups, DEPTH_WORDS[stats.depthUnit], palette);
  return [...marked.slice(0, 4), variantFigure, ...marked.slice(4)];
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

/** ratio-distribution's data from its groups (arch order, depth ascending): boxes, outlier dots and bins. */
function distributionOf(groups: readonly GroupStats[]) {
  const depths = [...new Set(groups.map((g) => g.depth))].sort((a, b) => a - b);
  let gap = Infinity;
  for (let i = 1; i < depths.length; i++) gap = Math.min(gap, depths[i]! - depths[i - 1]!);
  const half = Number.isFinite(gap) ? 0.35 * gap : 0.35;
  const boxes: Box[] = groups.map((g) => ({ ...g.ratio, x0: g.depth - half, x1: g.depth + half }));
  const outliers = groups.flatMap((g) => g.outliers?.dots ?? []);
  const bins = groups.flatMap((g) => g.outliers?.bins ?? []);
  const binned = groups.filter((g) => g.outliers && g.outliers.bins.length > 0);
  const range = binned.length
    ? [minOf(binned.map((g) => g.outliers!.min)), maxOf(binned.map((g) => g.outliers!.max))]
    : [];
  return { boxes, outliers, bins, range, binned: binned.length };
}

/** The caption's words on binned outliers, when a depth has more than MAX_OUTLIER_DOTS. */
function binnedWords(dist: ReturnType<typeof distributionOf>): string {
  if (!dist.binned) return '';
  return (
    ` (at ${plural(dist.binned, 'depth')} with more than ${MAX_OUTLIER_DOTS} such seeds they are binned instead: one dot per eighth of a decade ` +
    `at the geometric mean of its seeds’ values, its area growing with their number, from one seed the size of a single dot to ten times that for the fullest bin)`
  );
}

/** Heavy tails and the paired comparison at the deepest depth, in words. */
function tails(groups: readonly GroupStats[], pairs: SweepStats['pairs'], deepest: number): string {
  const parts: string[] = [];
  for (const arch of ['plain', 'residual'] as const) {
    const g = groups.find((x) => x.arch === arch && x.depth === deepest);
    if (g?.largest === undefined) continue;
    const max = g.largest;
    parts.push(
      `at depth ${deepest} the ${arch} net’s largest ratio is ${fmt(max)}, ${fmt(max / g.ratio.median)}× its median`,
    );
  }
  let text = parts.length ? `Tails: ${parts.join('; ')}.` : '';
  if (pairs.seeds) {
    const share = pairs.plainAbove === pairs.seeds ? 'every one' : `${fmt((100 * pairs.plainAbove) / pairs.seeds)} %`;
    text += ` Paired by seed at depth ${deepest}, the plain ratio exceeds the residual one in ${share} of ${plural(pairs.seeds, 'seed')}.`;
  }
  return text;
}
