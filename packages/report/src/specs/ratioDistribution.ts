import { maxOf } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import type { Box, Outlier, OutlierBin } from '../stats.js';
import { ARCH_COLORS, PLOT_WIDTH, type ArchName } from '../theme.js';
import { referenceLayer } from './bandSpec.js';
import { asSpec, config, quantileRow } from './common.js';
import { logAxis, logY, type LogAxis } from './logAxis.js';

const PANEL_HEIGHT = 78;
const Y_TITLE = 'First / last ratio';

/** Inner and outer padding of the depth bands: a box is 1 - BAND_PADDING.inner of its slot. */
const BAND_PADDING = { inner: 0.35, outer: 0.2 } as const;

interface PanelInput {
  arch: ArchName;
  boxes: readonly Box[];
  outliers: readonly Outlier[];
  bins: readonly OutlierBin[];
  depths: readonly number[];
  xTitle: string | null;
  axis: LogAxis | null;
}

function panel({ arch, boxes, outliers, bins, depths, xTitle, axis }: PanelInput) {
  const color = ARCH_COLORS[arch];
  // One slot per shown depth (ordinal), so every box is wide enough to read whatever the depths' spacing.
  const x = {
    field: 'x',
    type: 'ordinal' as const,
    title: xTitle,
    sort: null,
    scale: { domain: [...depths], paddingInner: BAND_PADDING.inner, paddingOuter: BAND_PADDING.outer },
    axis: { labelAngle: 0, labels: xTitle !== null, ticks: true },
  };
  const step = PLOT_WIDTH / (depths.length - BAND_PADDING.inner + 2 * BAND_PADDING.outer);
  const boxWidth = step * (1 - BAND_PADDING.inner);
  const y = (field: string) => logY(field, Y_TITLE, axis);
  const box = boxes.filter((b) => b.arch === arch).map(quantileRow);
  const pts = outliers
    .filter((o) => o.arch === arch && o.value > 0)
    .map((o) => ({ x: o.x, seed: o.seed, value: o.value }));
  const tooltip = ['x', 'median', 'p25', 'p75', 'p5', 'p95', 'n'].map((f) => ({
    field: f,
    type: 'quantitative' as const,
    format: f === 'x' || f === 'n' ? 'd' : '.3~g',
  }));
  return {
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    title: { text: arch, color },
    layer: [
      {
        data: { values: box },
        mark: { type: 'rule', color, strokeWidth: 0.8 },
        encoding: { x, y: y('p5'), y2: { field: 'p95' } },
      },
      {
        data: { values: box },
        mark: { type: 'bar', color, opacity: 0.55, width: boxWidth },
        encoding: { x, y: y('p25'), y2: { field: 'p75' }, tooltip },
      },
      {
        data: { values: box },
        mark: { type: 'tick', orient: 'horizontal', color: '#111', thickness: 1.2, size: boxWidth },
        encoding: { x, y: y('median') },
      },
      {
        data: { values: pts },
        mark: { type: 'circle', color, size: 6, opacity: 0.6 },
        encoding: {
          x,
          y: y('value'),
          tooltip: [
            { field: 'seed', type: 'quantitative' },
            { field: 'value', type: 'quantitative', format: '.3~g', title: 'ratio' },
          ],
        },
      },
      ...(bins.length ? [binLayer(arch, bins, x, y('value'))] : []),
      referenceLayer(1),
    ],
  };
}

/** A depth's outliers binned on the log axis (more than MAX_OUTLIER_DOTS): one dot per bin, its area by its seeds. */
function binLayer(arch: ArchName, bins: readonly OutlierBin[], x: object, y: object) {
  const rows = bins
    .filter((b) => b.arch === arch)
    .map((b) => ({ x: b.x, value: b.value, seeds: b.seeds, min: b.min, max: b.max }));
  const most = Math.max(1, maxOf(bins.map((b) => b.seeds)));
  return {
    data: { values: rows },
    mark: { type: 'circle', color: ARCH_COLORS[arch], opacity: 0.45 },
    encoding: {
      x,
      y,
      // One seed the size of an unbinned dot; the fullest bin ten times its area.
      size: { field: 'seeds', type: 'quantitative', scale: { domain: [1, most], range: [6, 60] }, legend: null },
      tooltip: [
        { field: 'seeds', type: 'quantitative', title: 'seeds in bin' },
        { field: 'min', type: 'quantitative', format: '.3~g', title: 'smallest ratio' },
        { field: 'max', type: 'quantitative', format: '.3~g', title: 'largest ratio' },
      ],
    },
  };
}

/**
 * Figure 4: the ratio's distribution at each given depth (pick a readable few with pickDepths), one
 * panel per architecture on one log y axis: a box from 25% to 75%, a black median, whiskers from 5%
 * to 95%, and every seed beyond the whiskers as a dot, so heavy tails are visible.
 */
export function ratioDistributionSpec(
  boxes: readonly Box[],
  outliers: readonly Outlier[],
  bins: readonly OutlierBin[] = [],
  range: readonly number[] = [],
): TopLevelSpec {
  const archs = (['plain', 'residual'] as const).filter((a) => boxes.some((b) => b.arch === a));
  const depths = [...new Set(boxes.map((b) => b.x))].sort((a, b) => a - b);
  // One axis for both panels, computed here, so the panels compare at a glance (binned outliers: their extremes).
  const values = [...boxes.flatMap((b) => [b.p5, b.p95, b.median]), ...outliers.map((o) => o.value), ...range, 1];
  const axis = logAxis(values, { maxLabels: Math.floor(PANEL_HEIGHT / 18) });
  return asSpec({
    config: config(),
    vconcat: archs.map((arch, i) =>
      panel({
        arch,
        boxes,
        outliers,
        bins,
        depths,
        axis,
        xTitle: i === archs.length - 1 ? 'Depth (plain: layers; residual: blocks)' : null,
      }),
    ),
    spacing: 6,
    resolve: { scale: { y: 'shared' } },
  });
}

/** At most max depths, evenly spaced over the swept ones, first and last included: 5..40 (36) -> 5, 10, ..., 40. */
export function pickDepths(depths: readonly number[], max = 8): number[] {
  const sorted = [...new Set(depths)].sort((a, b) => a - b);
  if (sorted.length <= max) return sorted;
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(sorted[Math.round((i * (sorted.length - 1)) / (max - 1))]!);
  return [...picked];
}
