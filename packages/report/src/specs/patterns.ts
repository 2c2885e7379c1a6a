import { PATTERN_CLASSES, type Patterns } from '@resnet/core';
import type { TopLevelSpec } from 'vega-lite';
import { asSpec, config } from './common.js';

/** One pixel of the patterns figure, placed in grid units: image k of its class's row, gap of one unit between images. */
export interface PatternPixel {
  sample: number;
  cls: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  value: number;
}

/** The first `perClass` samples of each class laid out as a grid of images (one row per class), in grid units. */
export function patternRows(patterns: Patterns, perClass: number): PatternPixel[] {
  const { size, X, y } = patterns;
  const rows: PatternPixel[] = [];
  const seen = new Map<number, number>();
  for (let s = 0; s < patterns.numSamples; s++) {
    const label = y[s]!;
    const k = seen.get(label) ?? 0;
    if (k >= perClass) continue;
    seen.set(label, k + 1);
    const cls = PATTERN_CLASSES[label] ?? String(label);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const x0 = k * (size + 1) + c;
        const y0 = label * (size + 1) + r;
        rows.push({ sample: s, cls, x0, x1: x0 + 1, y0, y1: y0 + 1, value: X[s * size * size + r * size + c]! });
      }
    }
  }
  return rows;
}

/** Figure 5a: the notebook's synthetic pattern samples as small grey-scale images, one row per class. */
export function patternsSpec(patterns: Patterns, perClass = 4): TopLevelSpec {
  const { size } = patterns;
  // Each image is about 28 px wide whatever its size; pixel borders only while pixels are large enough to show them.
  const unit = 28 / size;
  const w = perClass * (size + 1) - 1;
  const h = PATTERN_CLASSES.length * (size + 1) - 1;
  const x = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: { domain: [0, w], nice: false, zero: false },
    axis: null,
  });
  const y = (field: string) => ({
    field,
    type: 'quantitative' as const,
    scale: { domain: [h, 0], nice: false, zero: false },
    axis: null,
  });
  const labels = PATTERN_CLASSES.map((cls, i) => ({ cls, y: i * (size + 1) + size / 2 }));
  return asSpec({
    width: w * unit,
    height: h * unit,
    config: config({ view: { stroke: null } }),
    layer: [
      {
        data: { values: patternRows(patterns, perClass) },
        mark: { type: 'rect', ...(unit >= 4 ? { stroke: 'white', strokeWidth: 0.25 } : {}) },
        encoding: {
          x: x('x0'),
          x2: { field: 'x1' },
          y: y('y0'),
          y2: { field: 'y1' },
          color: {
            field: 'value',
            type: 'quantitative',
            scale: { scheme: 'greys' },
            legend: {
              title: 'pixel',
              orient: 'right',
              direction: 'vertical',
              gradientLength: 60,
              gradientThickness: 8,
            },
          },
          tooltip: [
            { field: 'sample', type: 'quantitative' },
            { field: 'cls', title: 'class' },
            { field: 'value', type: 'quantitative', format: '.3f' },
          ],
        },
      },
      {
        data: { values: labels },
        mark: { type: 'text', align: 'right', baseline: 'middle', dx: -6, fontSize: 8 },
        encoding: {
          x: { datum: 0, type: 'quantitative', scale: { domain: [0, w] } },
          y: y('y'),
          text: { field: 'cls' },
        },
      },
    ],
  });
}
