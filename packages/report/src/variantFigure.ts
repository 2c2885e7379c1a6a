import { fmt, plural } from './format.js';
import { type Curve, type CurvePalette, curvePalette } from './palette.js';
import type { Figure } from './specs/common.js';
import { variantRatioSpec, type VariantBand } from './specs/variantRatio.js';
import { archsOf, band, depthsOf } from './stats.js';
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

/**
 * The ratio against depth per variant of a sweep over variant axes: one curve per (arch, variant), its
 * label `arch: variant`, coloured by the report's palette; the caption names the lowest and highest median at
 * the deepest depth.
 */
export function variantRatioFigure(
  cells: readonly SweepCell[],
  depthWords: string,
  palette: CurvePalette = curvePalette(curvesOf(cells)),
): Figure {
  // 1. Each (arch, variant, depth) group's ratios, in file order.
  const groups = new Map<string, { arch: SweepCell['arch']; label: string; depth: number; values: number[] }>();
  for (const c of cells) {
    const label = curveLabel(c.arch, c.variant);
    const key = `${label}|${c.depth}`;
    let g = groups.get(key);
    if (!g) {
      g = { arch: c.arch, label, depth: c.depth, values: [] };
      groups.set(key, g);
    }
    g.values.push(c.ratio);
  }
  // 2. Bands: arch order, variant order, ascending depth.
  const bands: VariantBand[] = [];
  for (const arch of archsOf(cells)) {
    for (const variant of variantsOf(cells)) {
      for (const depth of depthsOf(cells, arch)) {
        const g = groups.get(`${curveLabel(arch, variant)}|${depth}`);
        if (g) bands.push({ ...band(arch, depth, g.values), label: g.label });
      }
    }
  }
  // 3. The caption, from the data.
  const deepest = maxOf(bands.map((b) => b.x));
  const last = bands.filter((b) => b.x === deepest && Number.isFinite(b.median)).sort((a, b) => a.median - b.median);
  const seeds = maxOf([...groups.values()].map((g) => g.values.length));
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
