import type { DepthScalingRow } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import { archColor } from '../theme.js';
import { referenceLayer } from './bandSpec.js';
import { layeredSpec, logSafe } from './common.js';
import { depthX, logAxis, logY } from './logAxis.js';

function linePoints(
  rows: { arch: string; x: number; y: number | null }[],
  xTitle: string,
  yTitle: string,
  reference?: number,
): TopLevelSpec {
  const x = depthX(
    xTitle,
    rows.map((r) => r.x),
  );
  const axis = logAxis([...rows.map((r) => r.y), reference]);
  const color = archColor(['plain', 'residual']);
  const layers: object[] = [
    {
      mark: { type: 'line', point: { filled: true, size: 16 } },
      encoding: {
        x,
        color,
        y: logY('y', yTitle, axis),
        tooltip: [
          { field: 'arch' },
          { field: 'x', type: 'quantitative' },
          { field: 'y', type: 'quantitative', format: '.4~g' },
        ],
      },
    },
  ];
  if (reference !== undefined) {
    layers.push(referenceLayer(reference));
  }
  return layeredSpec(rows, layers);
}

/** The notebook's gradient-flow plot: one seed, grad_norms per layer index for plain and residual nets, log y. */
export function gradientFlowSpec(plainGrads: readonly number[], resnetGrads: readonly number[]): TopLevelSpec {
  const rows = [
    ...plainGrads.map((g, i) => ({ arch: 'plain', x: i, y: logSafe(g) })),
    ...resnetGrads.map((g, i) => ({ arch: 'residual', x: i, y: logSafe(g) })),
  ];
  return linePoints(rows, 'Layer index (notebook grad_norms)', 'Gradient norm', undefined);
}

/** The notebook's depth-scaling plot: one seed per depth, first/last ratio (with the 1e-10 epsilon), log y. */
export function depthScalingSpec(rows: readonly DepthScalingRow[]): TopLevelSpec {
  const data = rows.flatMap((r) => [
    { arch: 'plain', x: r.depth, y: logSafe(r.plainRatio) },
    { arch: 'residual', x: r.depth, y: logSafe(r.resnetRatio) },
  ]);
  return linePoints(data, 'Depth (plain: layers; residual: blocks)', 'First / last gradient ratio', 1);
}
