import { fmt, plural } from './format.js';
import { type Curve, type CurvePalette, curvePalette } from './palette.js';
import type { Figure } from './specs/common.js';
import { variantRatioSpec, type VariantBand } from './specs/variantRatio.js';
import { archsOf } from './stats.js';
import { archsOfGroups, type GroupMeta, type GroupStats } from './sweepStats.js';
import type { SweepCell } from './sweep/types.js';
import { maxOf } from '@resnet/core';

/** A curve's label: `arch: variant`, or the arch alone when no axis applies to its net (a plain net in a grid of residual-only axes). */
export const curveLabel = (arch: string, variant: string | undefined): string =>
  variant ? `${arch}: ${variant}` : arch;

/** The variants of a sweep's cells in file order (empty without variant axes). */
export function variantsOf(cells: readonly SweepCell[]): string[] {
  const seen = new Set<string>();
  for (const c of cells) if (c.variant !== undefined) seen.add(c.variant);
  return [...seen];
}

/** The curves of a sweep's cells, by arch then variant in file order: the order colours are given in (curvePalette). */
export function curvesOf(cells: readonly SweepCell[]): Curve[] {
  const order = variantsOf(cells);
  return archsOf(cells).flatMap((arch) => {
    const mine = new Set(cells.filter((c) => c.arch === arch).map((c) => c.variant ?? ''));
    const variants = [...mine].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return variants.map((v) => ({ arch, label: curveLabel(arch, v) }));
  });
}

/** The variants of a sweep's groups in file order (empty without variant axes). */
export function variantsOfGroups(groups: readonly GroupMeta[]): string[] {
  return [...new Set(groups.filter((g) => g.count > 0 && g.variant !== undefined).map((g) => g.variant!))];
}

/** The curves of a sweep's groups, by arch then variant in file order (curvesOf's, without the cells). */
export function curvesOfGroups(groups: readonly GroupMeta[]): Curve[] {
  const order = variantsOfGroups(groups);
  const present = groups.filter((g) => g.count > 0);
  return archsOfGroups(present).flatMap((arch) => {
    const mine = new Set(present.filter((g) => g.arch === arch).map((g) => g.variant ?? ''));
    const variants = [...mine].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return variants.map((v) => ({ arch, label: curveLabel(arch, v) }));
  });
}

/**
 * The ratio against depth per variant of a sweep over variant axes: one curve per (arch, variant), its
 * label `arch: variant`, coloured by the report's palette; the caption names the lowest and highest median at
 * the deepest depth.
 */
export function variantRatioFigure(
  groups: readonly GroupStats[],
  depthWords: string,
  palette: CurvePalette = curvePalette(curvesOfGroups(groups)),
): Figure {
  // 1. Bands: arch order, variant order, ascending depth.
  const present = groups.filter((g) => g.count > 0);
  const variants = variantsOfGroups(present);
  const bands: VariantBand[] = [];
  for (const arch of archsOfGroups(present)) {
    const depths = [...new Set(present.filter((g) => g.arch === arch).map((g) => g.depth))].sort((a, b) => a - b);
    for (const variant of variants) {
      for (const depth of depths) {
        const label = curveLabel(arch, variant);
        const g = present.find((x) => x.depth === depth && curveLabel(x.arch, x.variant) === label);
        if (g) bands.push({ ...g.ratio, label });
      }
    }
  }
  // 2. The caption, from the data.
  const deepest = maxOf(bands.map((b) => b.x));
  const last = bands.filter((b) => b.x === deepest && Number.isFinite(b.median)).sort((a, b) => a.median - b.median);
  const seeds = maxOf(present.map((g) => g.count));
  const extremes =
    last.length > 1
      ? ` At depth ${deepest} the median runs from ${fmt(last[0]!.median)} (${last[0]!.label}) to ${fmt(last.at(-1)!.median)} (${last.at(-1)!.label}).`
      : '';
  const labels = new Set(bands.map((b) => b.label)).size;
  return {
    name: 'ratio-depth-variants',
    title: 'First/last gradient ratio against depth, per variant',
    caption:
      `The first/last gradient ratio of each of the sweep’s ${plural(labels, 'curve')} (architecture and variant) over ${plural(seeds, 'seed')}: ` +
      `line the median, band 25–75 %; log scale; dashed line at 1; depth counts ${depthWords}.${extremes}${panelNote(palette)}`,
    spec: variantRatioSpec(bands, 'Depth', palette),
  };
}

/** The caption's words on small multiples, when the curves fill more than one panel. */
export function panelNote(palette: CurvePalette): string {
  return palette.panels.length > 1
    ? ` One panel per architecture and per six variants (${palette.panels.length} panels, one shared y axis); a variant has the same colour in every figure of this report.`
    : '';
}
