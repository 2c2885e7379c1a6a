import type { TopLevelSpec } from 'vega-lite';
import type { Box, Outlier } from '../stats.js';
import { ARCH_COLORS, PLOT_WIDTH, type ArchName } from '../theme.js';
import { referenceLayer } from './bandSpec.js';
import { asSpec, config, logSafe } from './common.js';
import { depthTicks, logAxis, logY, type LogAxis } from './logAxis.js';

const PANEL_HEIGHT = 78;
const Y_TITLE = 'First / last ratio';

interface PanelInput {
  arch: ArchName;
  boxes: readonly Box[];
  outliers: readonly Outlier[];
  xDomain: [number, number];
  xTitle: string | null;
  axis: LogAxis | null;
}

function panel({ arch, boxes, outliers, xDomain, xTitle, axis }: PanelInput) {
  const color = ARCH_COLORS[arch];
  const x = { field: 'x', type: 'quantitative' as const, title: xTitle, scale: { domain: xDomain, nice: false }, axis: { ...depthTicks(boxes.map((b) => b.x)), labels: xTitle !== null } };
  const y = (field: string) => logY(field, Y_TITLE, axis);
  const box = boxes
    .filter((b) => b.arch === arch)
    .map((b) => ({ x: b.x, x0: b.x0, x1: b.x1, n: b.count, median: logSafe(b.median), p5: logSafe(b.p5), p25: logSafe(b.p25), p75: logSafe(b.p75), p95: logSafe(b.p95) }));
  const pts = outliers.filter((o) => o.arch === arch && o.value > 0).map((o) => ({ x: o.x, seed: o.seed, value: o.value }));
  const tooltip = ['x', 'median', 'p25', 'p75', 'p5', 'p95', 'n'].map((f) => ({ field: f, type: 'quantitative' as const, format: f === 'x' || f === 'n' ? 'd' : '.3~g' }));
  return {
    width: PLOT_WIDTH,
    height: PANEL_HEIGHT,
    title: { text: arch, color },
    layer: [
      { data: { values: box }, mark: { type: 'rule', color, strokeWidth: 0.8 }, encoding: { x, y: y('p5'), y2: { field: 'p95' } } },
      { data: { values: box }, mark: { type: 'rect', color, opacity: 0.55 }, encoding: { x: { ...x, field: 'x0' }, x2: { field: 'x1' }, y: y('p25'), y2: { field: 'p75' }, tooltip } },
      { data: { values: box }, mark: { type: 'rule', color: '#111', strokeWidth: 1 }, encoding: { x: { ...x, field: 'x0' }, x2: { field: 'x1' }, y: y('median') } },
      {
        data: { values: pts },
        mark: { type: 'circle', color, size: 5, opacity: 0.6 },
        encoding: { x, y: y('value'), tooltip: [{ field: 'seed', type: 'quantitative' }, { field: 'value', type: 'quantitative', format: '.3~g', title: 'ratio' }] },
      },
      referenceLayer(1),
    ],
  };
}

/**
 * Figure 4: the ratio's distribution at each depth, one panel per architecture on one log y axis:
 * a box from 25% to 75%, a black median, whiskers from 5% to 95%, and every seed beyond the
 * whiskers as a dot, so heavy tails are visible.
 */
export function ratioDistributionSpec(boxes: readonly Box[], outliers: readonly Outlier[]): TopLevelSpec {
  const archs = (['plain', 'residual'] as const).filter((a) => boxes.some((b) => b.arch === a));
  const xDomain: [number, number] = [Math.min(...boxes.map((b) => b.x0)), Math.max(...boxes.map((b) => b.x1))];
  // One axis for both panels, computed here, so the panels compare at a glance.
  const axis = logAxis([...boxes.flatMap((b) => [b.p5, b.p95, b.median]), ...outliers.map((o) => o.value), 1]);
  return asSpec({
    config: config(),
    vconcat: archs.map((arch, i) => panel({ arch, boxes, outliers, xDomain, axis, xTitle: i === archs.length - 1 ? 'Depth (plain: layers; residual: blocks)' : null })),
    spacing: 6,
    resolve: { scale: { y: 'shared' } },
  });
}
