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

describe('theorySpec', () => {
  it('draws per series a 95% band, the measured mean and a dashed theory line, on a log axis when the data asks', () => {
    const p1 = result.predictions[0].figure;
    const spec = theorySpec(p1) as unknown as {
      layer: {
        mark: { type: string; strokeDash?: number[] };
        encoding: { y: { field: string; scale: { type?: string } } };
      }[];
      data: { values: unknown[] };
    };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['area', 'line', 'line']);
    expect(spec.layer.map((l) => l.encoding.y.field)).toEqual(['lo', 'mean', 'theory']);
    expect(spec.layer[2].mark.strokeDash).toBeDefined();
    expect(spec.layer[1].encoding.y.scale.type).toBe('log');
    expect(spec.data.values).toHaveLength(p1.series.reduce((s, x) => s + x.points.length, 0));
    const p3 = theorySpec(result.predictions[2].figure) as unknown as {
      layer: { encoding: { y: { scale: { type?: string } } } }[];
    };
    expect(p3.layer[1].encoding.y.scale.type).toBeUndefined();
    // An exact identity (every value 1) gets a padded axis, not a degenerate one.
    expect((p3.layer[1].encoding.y.scale as { domain?: number[] }).domain).toEqual([0.9, 1.1]);
  });

  it('leaves values <= 0 out of a log figure (null), never clips them', () => {
    const rows = theoryRows({
      xTitle: 'x',
      yTitle: 'y',
      logY: true,
      theoryNote: '',
      series: [{ name: 'a', points: [{ x: 1, mean: -1, lo: 0, hi: 2, theory: 1 }] }],
    });
    expect(rows[0]).toEqual({ series: 'a', x: 1, mean: null, lo: null, hi: 2, theory: 1 });
  });
});

describe('theory captions', () => {
  it('are computed from the data: seeds, verdict counts and each row’s numbers', () => {
    const p4 = result.predictions[3];
    const caption = theoryCaption(p4);
    expect(caption).toContain(`mean over ${p4.seeds} seeds`);
    const agree = p4.rows.filter((r) => r.agreement === 'agrees').length;
    expect(caption).toContain(`${agree} of ${p4.rows.length} checks agree`);
    expect(caption).toMatch(/4b FAILS \(predicted 2\.37, measured \d/);
    expect(theoryFigures(result).map((f) => f.name)).toEqual([
      'theory-1',
      'theory-2',
      'theory-3',
      'theory-4',
      'theory-5',
    ]);
  });
});

describe('writeTheoryReport', () => {
  it('writes a self-contained theory.html with the table and every figure inline, theory.json and the figure files', async () => {
    const w = await writeTheoryReport(result, dir, { command: 'resnet theory --seeds 40' });
    expect(w.html).toBe(join(dir, 'theory.html'));
    expect(w.figures).toHaveLength(15);
    for (const f of w.figures) expect(existsSync(f), f).toBe(true);
    const html = await readFile(w.html, 'utf8');
    for (let i = 1; i <= 5; i++) expect(html).toContain(`id="fig-theory-${i}"`);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html.match(/<tr class="(agrees|fails)"/g)).toHaveLength(result.rows.length);
    expect(html).toContain('<code>resnet theory --seeds 40</code>');
    expect(html).not.toMatch(/<script/);
    for (const u of urls(html)) expect(u).toMatch(/^(data:|figures\/theory-\d\.(svg|png|vl\.json)$)/);
    const json = JSON.parse(await readFile(w.json, 'utf8')) as TheoryResult;
    expect(json.rows.map((r) => r.id)).toEqual(result.rows.map((r) => r.id));
  });
});
