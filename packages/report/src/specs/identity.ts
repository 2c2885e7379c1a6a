import type { IdentityDemo } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import { ARCH_COLORS, PLOT_HEIGHT } from '../theme.js';
import { asSpec, config } from './common.js';
import { maxOf, minOf } from '@resnet/core';

/** Figure 5b: the identity-mapping demo: each element's block output against its input, on the line y = x. */
export function identitySpec(demo: IdentityDemo): TopLevelSpec {
  const points = Array.from(demo.x, (x, i) => ({ i, x, output: demo.output[i]!, residual: demo.residual[i]! }));
  const all = points.flatMap((p) => [p.x, p.output]);
  const lo = minOf(all);
  const hi = maxOf(all);
  const pad = 0.05 * (hi - lo || 1);
  const domain = [lo - pad, hi + pad];
  const axis = (title: string) => ({
    field: 'x',
    type: 'quantitative' as const,
    title,
    scale: { domain, nice: false },
    axis: { tickCount: 5 },
  });
  return asSpec({
    width: PLOT_HEIGHT + 20,
    height: PLOT_HEIGHT + 20,
    config: config(),
    layer: [
      {
        data: { values: [{ x: domain[0] }, { x: domain[1] }] },
        mark: { type: 'line', color: '#777', strokeDash: [3, 3], strokeWidth: 0.75 },
        encoding: { x: axis('Block input x'), y: { ...axis('Block output F(x) + x'), field: 'x' } },
      },
      {
        data: { values: points },
        mark: { type: 'point', filled: true, size: 18, color: ARCH_COLORS.residual },
        encoding: {
          x: axis('Block input x'),
          y: { ...axis('Block output F(x) + x'), field: 'output' },
          tooltip: [
            { field: 'i', type: 'quantitative', title: 'element' },
            { field: 'x', type: 'quantitative', format: '.4f' },
            { field: 'output', type: 'quantitative', format: '.4f' },
            { field: 'residual', type: 'quantitative', title: 'F(x)', format: '.2e' },
          ],
        },
      },
    ],
  });
}
