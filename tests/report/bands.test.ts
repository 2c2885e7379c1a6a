import { readFileSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTheory, firstRows } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { ARCH_COLORS, theoryFigures, writeReport, writeTheoryReport, writeTrainReport } from '@resnet/report';
import { runSweep } from '@resnet/sweep';
import { runTrainSweep } from '@resnet/sweep/train';

const root = mkdtempSync(join(tmpdir(), 'report-bands-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every SVG figure file in a folder, by file name. */
const svgs = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
  );

/** The path data of every area mark (bands) in an SVG. */
const areaPaths = (svg: string) => [...svg.matchAll(/aria-roledescription="area mark" d="([^"]*)"/g)].map((m) => m[1]!);

/** Every (label -> colour) a Vega-Lite spec's colour scales give, walking its layers and panels. */
function colours(spec: unknown, out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  if (Array.isArray(spec)) for (const x of spec) colours(x, out);
  else if (spec && typeof spec === 'object') {
    const o = spec as Record<string, unknown>;
    const color = (o['encoding'] as { color?: { scale?: { domain?: string[]; range?: string[] } } } | undefined)?.color;
    const scale = color?.scale;
    if (scale?.domain && Array.isArray(scale.range))
      for (const [i, label] of scale.domain.entries())
        out.set(label, new Set([...(out.get(label) ?? []), scale.range[i]!]));
    for (const v of Object.values(o)) colours(v, out);
  }
  return out;
}

let sweepDir: string;
let theoryDir: string;
let trainDir: string;
beforeAll(async () => {
  sweepDir = join(root, 'sweep');
  // Twelve residual variants (two panels) and a plain one; few seeds, so some bands are wide. The first variant, the
  // one figures 1 to 4 show, has a branch (eta = 0 makes the branch gradients exactly 0: nothing to draw on a log axis).
  await runSweep({
    depths: [2, 4],
    seeds: { start: 0, count: 30 },
    threads: 1,
    out: sweepDir,
    width: 8,
    inputSize: 8,
    axes: { block: ['preact', 'notebook'], inputActivation: ['linear', 'relu'], branchScale: [0.5, 1, 0] },
  });
  await writeReport(sweepDir, { formats: ['svg'] });
  theoryDir = join(root, 'theory');
  const theory = runTheory({
    seeds: 40,
    depth: 5,
    deepDepth: 8,
    blocks: 3,
    approachWidths: [8, 16],
    approachSeeds: 40,
    haninGrid: [
      { width: 8, depth: 4 },
      { width: 16, depth: 8 },
    ],
    haninPair: [
      { width: 8, depth: 4 },
      { width: 16, depth: 8 },
    ],
  });
  expect(theoryFigures(theory).length).toBe(6);
  await writeTheoryReport(theory, theoryDir, { formats: ['svg'] });
  trainDir = join(root, 'train');
  const split = loadMnist({ shared: true });
  await runTrainSweep({
    depths: [4, 8],
    seeds: 2,
    train: { epochs: 2, batchSize: 50, width: 16 },
    data: { name: 'mnist-200', train: firstRows(split.train, 200), test: firstRows(split.test, 60) },
    out: trainDir,
    threads: 1,
  });
  await writeTrainReport(trainDir, { formats: ['svg'] });
}, 180_000);

describe('every band in every figure is drawn whole', () => {
  it('each area mark of the sweep, variant, theory and training figures is one closed path (no gap where a bound was missing)', () => {
    let bands = 0;
    for (const dir of [join(sweepDir, 'figures'), join(theoryDir, 'figures'), join(trainDir, 'figures')]) {
      for (const [file, svg] of Object.entries(svgs(dir))) {
        for (const d of areaPaths(svg)) {
          bands++;
          expect(d.match(/M/g)?.length, `${file}: ${d.slice(0, 80)}`).toBe(1);
          expect(d, file).not.toMatch(/NaN|Infinity/);
        }
      }
    }
    expect(bands).toBeGreaterThan(50);
  });

  it('every measured point of a theory figure has its band: intervals of positive quantities are positive, so a log axis keeps them', () => {
    let points = 0;
    for (const dir of [join(sweepDir, 'figures'), join(theoryDir, 'figures')]) {
      for (const f of readdirSync(dir).filter((x) => /theory.*\.vl\.json$/.test(x))) {
        const spec = JSON.parse(readFileSync(join(dir, f), 'utf8'));
        const rows = (spec.concat ?? [spec]).flatMap((p: { data: { values: unknown[] } }) => p.data.values) as {
          mean: number | null;
          lo: number | null;
          hi: number | null;
        }[];
        for (const r of rows.filter((x) => x.mean !== null)) {
          points++;
          expect(r.lo !== null && r.hi !== null && r.lo <= r.mean! && r.mean! <= r.hi, f).toBe(true);
        }
      }
    }
    expect(points).toBeGreaterThan(50);
  });
});

describe('one colour per architecture and variant across every figure of a report', () => {
  it('a variant has one colour in every figure, and the curve figures 1 to 4 show (each arch’s first) has its arch’s colour', () => {
    const specs = readdirSync(join(sweepDir, 'figures'))
      .filter((f) => f.endsWith('.vl.json'))
      .map((f) => ({ f, spec: JSON.parse(readFileSync(join(sweepDir, 'figures', f), 'utf8')) }));
    const all = new Map<string, Set<string>>();
    for (const { f, spec } of specs) {
      for (const [label, set] of colours(spec)) {
        expect(set.size, `${f}: ${label}`).toBe(1);
        all.set(label, new Set([...(all.get(label) ?? []), ...set]));
      }
    }
    const variants = [...all.keys()].filter((l) => l.includes(': '));
    expect(variants.length).toBe(12);
    for (const label of all.keys()) expect(all.get(label)!.size, label).toBe(1);
    expect([...all.get('plain')!]).toEqual([ARCH_COLORS.plain]);
    expect([...all.get('residual')!]).toEqual([ARCH_COLORS.residual]);
    const firstResidual = variants.find((l) => l.startsWith('residual: '))!;
    expect([...all.get(firstResidual)!]).toEqual([ARCH_COLORS.residual]);
  });

  it('no panel shows more than six series, and no two series of a panel share a colour', () => {
    for (const f of readdirSync(join(sweepDir, 'figures')).filter((x) => x.endsWith('.vl.json'))) {
      const spec = JSON.parse(readFileSync(join(sweepDir, 'figures', f), 'utf8'));
      const panels = spec.concat ?? spec.hconcat ?? [spec];
      for (const p of panels) {
        const scale = colours(p);
        const labels = [...scale.keys()];
        const present = new Set(
          (p.data?.values ?? []).map((r: { label?: string; series?: string }) => r.label ?? r.series),
        );
        const shown = labels.filter((l) => present.size === 0 || present.has(l));
        expect(shown.length, f).toBeLessThanOrEqual(6);
        expect(new Set(shown.map((l) => [...scale.get(l)!][0])).size, f).toBe(shown.length);
      }
    }
  });
});
