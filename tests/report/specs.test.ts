import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summaryStats } from '@resnet/core';
import {
  ARCH_COLORS,
  bandSpec,
  depthBands,
  distribution,
  layerBands,
  layerProfileSpec,
  loadSweep,
  ratioDepthSpec,
  ratioDistributionSpec,
  logAxis,
  pickDepths,
  powerLabel,
  sweepFigures,
  type SweepCell,
} from '@resnet/report';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

let cells: SweepCell[];
let dir: string;

beforeAll(async () => {
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 10 })).dir;
  cells = (await loadSweep(dir, { arrays: 'all' })).cells;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const group = (arch: string, depth: number) => cells.filter((c) => c.arch === arch && c.depth === depth);

describe('statistics handed to the specs', () => {
  it('layer bands equal core summaryStats over seeds at every layer, at relative depth i/(n-1)', () => {
    const g = group('residual', 8);
    const bands = layerBands(g, 'layerGradNorms');
    expect(bands).toHaveLength(2 * 8 + 2);
    bands.forEach((b, i) => {
      const s = summaryStats(g.map((c) => c.layerGradNorms[i]!));
      expect(b).toMatchObject({
        arch: 'residual',
        x: i / 17,
        count: 10,
        median: s.median,
        p5: s.p5,
        p25: s.p25,
        p75: s.p75,
        p95: s.p95,
      });
    });
  });

  it('depth bands of the ratio equal summaryStats per (arch, depth), in arch then depth order', () => {
    const bands = depthBands(cells, (c) => c.ratio);
    expect(bands.map((b) => `${b.arch}${b.x}`)).toEqual(['plain4', 'plain8', 'residual4', 'residual8']);
    for (const b of bands) {
      const s = summaryStats(group(b.arch, b.x).map((c) => c.ratio));
      expect([b.median, b.p5, b.p25, b.p75, b.p95]).toEqual([s.median, s.p5, s.p25, s.p75, s.p95]);
    }
  });

  it('distribution keeps every value beyond 5-95 % as an outlier and sizes boxes from the depth gap', () => {
    const { boxes, outliers } = distribution(cells, (c) => c.ratio);
    for (const b of boxes) {
      expect(b.x1 - b.x0).toBeCloseTo(0.7 * 4);
      const beyond = group(b.arch, b.x).filter((c) => c.ratio < b.p5 || c.ratio > b.p95);
      expect(outliers.filter((o) => o.arch === b.arch && o.x === b.x).map((o) => o.seed)).toEqual(
        beyond.map((c) => c.seed),
      );
    }
  });
});

describe('spec builders', () => {
  it('bandSpec passes the bands as data, one colour per arch, log y, bands 5-95 and 25-75', () => {
    const bands = depthBands(cells, (c) => c.ratio);
    const spec: any = ratioDepthSpec(bands);
    expect(spec.data.values).toHaveLength(4);
    expect(spec.data.values[0]).toMatchObject({
      arch: 'plain',
      x: 4,
      median: bands[0]!.median,
      p5: bands[0]!.p5,
      p95: bands[0]!.p95,
    });
    const [outer, inner, line] = spec.layer;
    expect([outer.mark.type, outer.encoding.y.field, outer.encoding.y2.field]).toEqual(['area', 'p5', 'p95']);
    expect([inner.mark.type, inner.encoding.y.field, inner.encoding.y2.field]).toEqual(['area', 'p25', 'p75']);
    expect([line.mark.type, line.encoding.y.field]).toEqual(['line', 'median']);
    expect(line.encoding.y.scale.type).toBe('log');
    expect(line.encoding.color.scale).toEqual({
      domain: ['plain', 'residual'],
      range: [ARCH_COLORS.plain, ARCH_COLORS.residual],
    });
    // Statistics are ours: no vega aggregate, bootstrap or errorband anywhere in the spec.
    expect(JSON.stringify(spec)).not.toMatch(/"aggregate"|"errorband"|"errorbar"|"ci0"|"boxplot"/);
    // The dashed reference line at ratio 1 is on the axis.
    expect(spec.layer.at(-1).data.values).toEqual([{ ref: 1 }]);
    expect(line.encoding.y.scale.domain[0]).toBeLessThanOrEqual(1);
  });

  it('layer profiles use relative depth 0..1 on x and name the metric on y', () => {
    const spec: any = layerProfileSpec(layerBands(group('plain', 8), 'actNorms'), 'actNorms');
    const line = spec.layer[2];
    expect(line.encoding.x.scale.domain).toEqual([0, 1]);
    expect(line.encoding.x.title).toMatch(/Relative depth/);
    expect(line.encoding.y.axis.title).toMatch(/Activation/);
  });

  it('log axes leave out values a log scale cannot draw (<= 0, NaN) and say nothing vega must compute', () => {
    const bands = [
      {
        arch: 'plain' as const,
        x: 1,
        count: 3,
        nonFinite: 1,
        nonPositive: 1,
        median: 2,
        p5: 0,
        p25: 1,
        p75: 3,
        p95: NaN,
      },
    ];
    const spec: any = bandSpec(bands, { xTitle: 'x', yTitle: 'y' });
    expect(spec.data.values[0]).toMatchObject({ median: 2, p5: null, p95: null, p25: 1, p75: 3 });
  });

  it('the ratio distribution has one panel per arch on one shared log axis, in the arch colours', () => {
    const { boxes, outliers } = distribution(cells, (c) => c.ratio);
    const spec: any = ratioDistributionSpec(boxes, outliers);
    expect(spec.vconcat.map((p: any) => p.title.text)).toEqual(['plain', 'residual']);
    expect(spec.vconcat.map((p: any) => p.title.color)).toEqual([ARCH_COLORS.plain, ARCH_COLORS.residual]);
    expect(spec.resolve.scale.y).toBe('shared');
    const rect = spec.vconcat[0].layer[1];
    expect([rect.mark.type, rect.encoding.y.field, rect.encoding.y2.field]).toEqual(['bar', 'p25', 'p75']);
    // Depths are slots of their own (ordinal), so each box is as wide as the panel allows.
    expect(rect.encoding.x).toMatchObject({ field: 'x', type: 'ordinal', scale: { domain: [4, 8] } });
    expect(rect.mark.width).toBeGreaterThan(30);
    expect(rect.data.values.map((r: any) => r.median)).toEqual(
      boxes.filter((b) => b.arch === 'plain').map((b) => b.median),
    );
  });
});

describe('sweepFigures', () => {
  it('builds figures 1-5 at the deepest depth by default, with captions that name the metric', () => {
    const figures = sweepFigures(cells);
    expect(figures.map((f) => f.name)).toEqual([
      'grad-profile',
      'ratio-depth',
      'act-profile',
      'ratio-distribution',
      'patterns',
      'identity',
    ]);
    for (const f of figures) expect(f.caption.length).toBeGreaterThan(80);
    expect(figures[0]!.title).toMatch(/depth 8/);
    expect(figures[0]!.caption).toMatch(/layerGradNorms/);
    expect(figures[0]!.caption).toMatch(/18 weight layers/);
    expect(figures[1]!.caption).toMatch(/blocks/);
  });

  it('uses the same two colours in every sweep figure', () => {
    const colours = new Set<string>();
    for (const f of sweepFigures(cells).slice(0, 4)) {
      for (const m of JSON.stringify({ ...f.spec, config: undefined }).matchAll(/"#[0-9A-Fa-f]{6}"/g))
        colours.add(m[0].toUpperCase());
    }
    const archColours = [...colours].filter((c) => c !== '"#111111"');
    expect(archColours.sort()).toEqual(
      [`"${ARCH_COLORS.residual}"`, `"${ARCH_COLORS.plain}"`].map((c) => c.toUpperCase()).sort(),
    );
  });

  it('profiles a chosen depth, and rejects a depth that was not swept', () => {
    const figures = sweepFigures(cells, { depth: 4 });
    expect((figures[0]!.spec as any).data.values.filter((r: any) => r.arch === 'plain')).toHaveLength(4);
    expect(() => sweepFigures(cells, { depth: 5 })).toThrow(/depth must be one of the swept depths \(4, 8\); got 5/);
  });

  it('figure 1 can show the notebook grad_norms instead, and says so', () => {
    const [f] = sweepFigures(cells, { gradMetric: 'gradNorms' });
    expect(f!.caption).toMatch(/grad_norms/);
    expect((f!.spec as any).data.values.filter((r: any) => r.arch === 'residual')).toHaveLength(8 + 2);
  });
});

describe('log axes', () => {
  it('label powers of ten in one style, Unicode superscript digits and minus', () => {
    expect([1, 10, 1e6, 1e9, 0.1, 0.001, 1e-12].map(powerLabel)).toEqual([
      '10⁰',
      '10¹',
      '10⁶',
      '10⁹',
      '10⁻¹',
      '10⁻³',
      '10⁻¹²',
    ]);
    expect([0.2, 5, 3e4].map(powerLabel)).toEqual(['2×10⁻¹', '5×10⁰', '3×10⁴']);
  });

  it('a wide axis: ticks at every power of ten, at most maxLabels labelled, and a labelled tick below 1 when the data go below 1', () => {
    for (const [lo, hi] of [
      [0.3, 2e9],
      [0.05, 4e11],
      [0.9, 1e3],
      [2, 5e9],
    ] as const) {
      const axis = logAxis([lo, hi, 1], { maxLabels: 6 })!;
      expect(axis.domain[0]).toBeLessThanOrEqual(lo);
      expect(axis.domain[1]).toBeGreaterThanOrEqual(hi);
      const labelled = axis.values.filter((_, i) => axis.labels[i]);
      expect(labelled.length).toBeLessThanOrEqual(6);
      expect(labelled.length).toBeGreaterThanOrEqual(2);
      for (const [i, v] of axis.values.entries()) {
        expect(Math.log10(v)).toBeCloseTo(Math.round(Math.log10(v)), 12);
        if (axis.labels[i]) expect(axis.labels[i]).toBe(powerLabel(v));
      }
      if (lo < 1) expect(labelled.some((v) => v < 1 && v >= axis.domain[0])).toBe(true);
    }
  });

  it('a narrow axis (two decades or less): powers of ten only are labelled, the 2x and 5x steps are unlabelled ticks', () => {
    const axis = logAxis([0.3, 5])!;
    expect(axis.domain).toEqual([0.1, 10]);
    expect(axis.values).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10]);
    expect(axis.labels).toEqual(['10⁻¹', '', '', '10⁰', '', '', '10¹']);
    // Data inside one decade still get a labelled decade on each side.
    expect(logAxis([2.4, 2.8])!.labels.filter(Boolean)).toEqual(['10⁰', '10¹']);
    expect(logAxis([0, -1, NaN])).toBeNull();
  });

  it('never labels a tick that is not a power of ten, over any span', () => {
    for (const [lo, hi] of [
      [0.3, 5],
      [2, 3],
      [1e-3, 40],
      [7, 2e12],
    ] as const) {
      const axis = logAxis([lo, hi])!;
      for (const [i, label] of axis.labels.entries()) {
        if (!label) continue;
        expect(label, `${lo} ${hi}`).toMatch(/^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
        expect(powerLabel(axis.values[i]!)).toBe(label);
      }
    }
  });

  it('pickDepths keeps at most 8 evenly spaced depths, the first and the deepest included', () => {
    expect(pickDepths(Array.from({ length: 36 }, (_, i) => i + 5))).toEqual([5, 10, 15, 20, 25, 30, 35, 40]);
    expect(pickDepths([4, 8])).toEqual([4, 8]);
    const some = pickDepths(
      Array.from({ length: 20 }, (_, i) => 2 * i + 2),
      8,
    );
    expect(some).toHaveLength(8);
    expect([some[0], some.at(-1)]).toEqual([2, 40]);
  });
});

describe('figure 4 at many depths', () => {
  it('shows at most 8 evenly spaced depths, one box per arch and depth, and the caption names them', async () => {
    const { dir: many, cells: all } = await writeReportSweepFolder({
      depths: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      seeds: 3,
    });
    try {
      const f = sweepFigures(all).find((x) => x.name === 'ratio-distribution')!;
      expect(f.title).toMatch(/selected depths/);
      expect(f.caption).toContain('at 8 of the 10 swept depths, evenly spaced (2, 3, 5, 6, 7, 8, 10, 11)');
      const boxes = (f.spec as any).vconcat[0].layer[1].data.values;
      expect(boxes.map((b: any) => b.x)).toEqual([2, 3, 5, 6, 7, 8, 10, 11]);
    } finally {
      await rm(many, { recursive: true, force: true });
    }
  });
});
