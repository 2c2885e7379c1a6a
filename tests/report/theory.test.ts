import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTheory, type TheoryResult } from '@resnet/core';
import { theoryCaption, theoryFigures, theoryRows, theorySpec, writeTheoryReport } from '@resnet/report';

let result: TheoryResult;
let dir: string;
beforeAll(async () => {
  result = runTheory({
    seeds: 40,
    depth: 5,
    blocks: 3,
    haninSeeds: 40,
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
  dir = await mkdtemp(join(tmpdir(), 'resnet-theory-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every src= / href= / url() target in an HTML page. */
const urls = (html: string) =>
  [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)/g)].map((m) => m[1] ?? m[2]!);

interface Layer {
  mark: { type: string; strokeDash?: number[] };
  transform?: { filter: string }[];
  encoding: { y: { field: string; scale: { type?: string; domain?: number[] } } };
}

describe('theorySpec', () => {
  it('draws each panel with a 95% band (only where it has one), the measured mean and a dashed theory line, on a log axis when the data asks', () => {
    const p1 = result.predictions[0]!.figure;
    const spec = theorySpec(p1) as unknown as {
      concat: { title: string; layer: Layer[]; data: { values: unknown[] } }[];
    };
    expect(spec.concat.map((c) => c.title)).toEqual(['forward ||h_l||²', 'backward ||δ_l||²', 'σ² = 2: ||dW_l||²']);
    for (const panel of spec.concat) {
      expect(panel.layer.map((l) => l.mark.type)).toEqual(['area', 'line', 'line']);
      expect(panel.layer.map((l) => l.encoding.y.field)).toEqual(['lo', 'mean', 'theory']);
      expect(panel.layer[0]!.transform![0]!.filter).toBe('isValid(datum.lo) && isValid(datum.hi)');
      expect(panel.layer[2]!.mark.strokeDash).toBeDefined();
      expect(panel.layer[1]!.encoding.y.scale.type).toBe('log');
    }
    expect(spec.concat.reduce((s, c) => s + c.data.values.length, 0)).toBe(
      p1.series.reduce((s, x) => s + x.points.length, 0),
    );
    const p3 = theorySpec(result.predictions[2]!.figure) as unknown as { layer: Layer[] };
    expect(p3.layer[1]!.encoding.y.scale.type).toBeUndefined();
    // An exact identity (every value 1) gets a padded axis, not a degenerate one.
    expect(p3.layer[1]!.encoding.y.scale.domain).toEqual([0.9, 1.1]);
  });

  it('leaves values <= 0 out of a log figure (null), never clips them', () => {
    const rows = theoryRows({
      xTitle: 'x',
      yTitle: 'y',
      logY: true,
      theoryNote: '',
      series: [{ name: 'a', points: [{ x: 1, mean: -1, lo: 0, hi: 2, theory: 1 }] }],
    });
    expect(rows[0]).toEqual({ series: 'a', panel: '', x: 1, mean: null, lo: null, hi: 2, theory: 1 });
  });

  it('colours a series by its name in every panel (the same network is one colour), from a given palette when there is one', () => {
    const p1 = result.predictions[0]!.figure;
    const spec = theorySpec(p1, { color: (name) => (name === 'σ² = 2' ? '#123456' : '#abcdef') }) as unknown as {
      concat: { layer: { encoding: { color: { scale: { domain: string[]; range: string[] } } } }[] }[];
    };
    for (const panel of spec.concat) {
      const { domain, range } = panel.layer[0]!.encoding.color.scale;
      expect(range[domain.indexOf('σ² = 2')]).toBe('#123456');
    }
  });
});

describe('theory captions', () => {
  it('are computed from the data: seeds, verdict counts and each row’s numbers', () => {
    const p4 = result.predictions[3]!;
    const caption = theoryCaption(p4);
    expect(caption).toContain(`mean over ${p4.seeds} seeds`);
    const agree = p4.rows.filter((r) => r.verdict === 'agrees').length;
    expect(caption).toContain(`${agree} of ${p4.rows.length} checks agree`);
    expect(caption).toMatch(/4b \(B = 3, η = 1\/√B, width 16\) (FAILS|inconclusive): predicted 2\.37, measured \d/);
    expect(theoryFigures(result).map((f) => f.name)).toEqual([
      'theory-1',
      'theory-2',
      'theory-3',
      'theory-4',
      'theory-4-widths',
      'theory-5',
    ]);
  });
});

describe('writeTheoryReport', () => {
  it('writes a self-contained theory.html with the table and every figure inline, theory.json and the figure files', async () => {
    const w = await writeTheoryReport(result, dir, { command: 'resnet theory --seeds 40' });
    expect(w.html).toBe(join(dir, 'theory.html'));
    expect(w.figures).toHaveLength(18);
    for (const f of w.figures) expect(existsSync(f), f).toBe(true);
    const html = await readFile(w.html, 'utf8');
    for (const name of ['theory-1', 'theory-2', 'theory-3', 'theory-4', 'theory-4-widths', 'theory-5'])
      expect(html).toContain(`id="fig-${name}"`);
    expect(html.match(/<svg /g)).toHaveLength(6);
    expect(html.match(/<tr class="(agrees|fails|inconclusive)"/g)).toHaveLength(result.rows.length);
    // One heading row per check, with its law, what is measured and the tolerance; the symbols once, under the table.
    expect(html.match(/<tr class="check">/g)).toHaveLength(new Set(result.rows.map((r) => r.id)).size);
    expect(html).toMatch(/tolerance ±0\.02 \(e\^0\.02/);
    expect(html.match(/<p class="symbols">/g)).toHaveLength(1);
    expect(html).toContain('<code>resnet theory --seeds 40</code>');
    expect(html).not.toMatch(/issue \d/i);
    expect(html).not.toMatch(/<script/);
    for (const u of urls(html)) expect(u).toMatch(/^(data:|figures\/theory-\d(-widths)?\.(svg|png|vl\.json)$)/);
    const json = JSON.parse(await readFile(w.json, 'utf8')) as TheoryResult;
    expect(json.rows.map((r) => r.id)).toEqual(result.rows.map((r) => r.id));
  });
});
