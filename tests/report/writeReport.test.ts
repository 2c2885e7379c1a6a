import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, generatePatterns, identityDemo, replayNotebook } from '@resnet/core';
import { identityFigure, notebookFigures, patternsFigure, resolveReportOptions, writeFigures, writeReport } from '@resnet/report';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

let dir: string;
beforeAll(async () => {
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 10 })).dir;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every src= / href= / url() target in an HTML page. */
const urls = (html: string) => [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)/g)].map((m) => m[1] ?? m[2]!);

describe('writeReport', () => {
  it('writes SVG and PNG figures and one HTML file by default, and says how long it took', async () => {
    const r = await writeReport(dir);
    expect(r.html).toBe(join(dir, 'report.html'));
    expect(r.figures).toHaveLength(12);
    expect(r.figures.slice(0, 2)).toEqual([join(dir, 'figures/grad-profile.svg'), join(dir, 'figures/grad-profile.png')]);
    for (const f of r.figures) expect(existsSync(f)).toBe(true);
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('the page is self-contained: inline SVG figures, relative data links, no URL leaving the file, a strict CSP', async () => {
    await writeReport(dir, { formats: ['svg', 'png', 'pdf'], command: 'resnet report fixture' });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<figure /g)).toHaveLength(6);
    expect(html.match(/<svg /g)).toHaveLength(6);
    for (const u of urls(html)) expect(u).toMatch(/^(data:|cells\.jsonl$|summary\.csv$|manifest\.json$|figures\/[a-z-]+\.(svg|png|pdf)$|#)/);
    expect(html).not.toMatch(/<script/);
    expect(html).toContain(`content="default-src 'none'`);
    expect(html).toContain('href="figures/ratio-depth.pdf"');
    // Summary table: one row per (arch, depth); provenance with the command, config hash and versions.
    expect(html.match(/<tr class="arch-/g)).toHaveLength(4);
    expect(html).toContain('<code>resnet report fixture</code>');
    expect(html).toContain('fixture-plain-residual-4-8-10');
    expect(html).toMatch(/@resnet\/report 0\.1\.0.*vega 6\.\d+\.\d+.*vega-lite 6\.\d+\.\d+/);
    expect(html).toContain(`node ${process.version}`);
    // Each inline SVG has its own ids, so clip paths never cross figures.
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes user text: title, command and paths show as text', async () => {
    const title = 'A <script>alert(1)</script> & "quotes"';
    await writeReport(dir, { title, command: 'resnet report --title "<b>x</b>"', formats: [] });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<h1 id="report-title">A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>');
    expect(html).toContain('<title>A &lt;script&gt;');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('links figures and data relative to where the HTML is written; html: false writes none', async () => {
    const html = join(dir, 'sub', 'my report.html');
    await writeReport(dir, { html, figuresDir: join(dir, 'figs out'), formats: ['svg'] });
    const page = await readFile(html, 'utf8');
    expect(page).toContain('href="../cells.jsonl"');
    expect(page).toContain('href="../figs%20out/identity.svg"');
    const r = await writeReport(dir, { html: false, formats: ['pdf'], figuresDir: join(dir, 'pdf') });
    expect(r.html).toBeNull();
    expect(r.figures.every((f) => f.endsWith('.pdf'))).toBe(true);
  });

  it('interactive mode inlines the vega runtime and the specs, still with no URL leaving the file', async () => {
    await writeReport(dir, { interactive: true, formats: [] });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<script type="application/json" id="report-specs">');
    expect(html.match(/<script>/g)!.length).toBe(4);
    for (const u of urls(html.replace(/<script>[\s\S]*?<\/script>/g, ''))) expect(u).toMatch(/^(data:|#|cells\.jsonl$|summary\.csv$|manifest\.json$)/);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    const specs = JSON.parse(html.match(/id="report-specs">([\s\S]*?)<\/script>/)![1]!);
    expect(Object.keys(specs)).toEqual(['grad-profile', 'ratio-depth', 'act-profile', 'ratio-distribution', 'patterns', 'identity']);
    expect(JSON.stringify(specs)).not.toContain('$schema');
  });
});

describe('unusual sweeps', () => {
  it('a one-arch, one-depth sweep with non-finite and zero values still renders, and captions count what the log axis leaves out', async () => {
    const small = (await writeReportSweepFolder({ archs: ['plain'], depths: [3], seeds: 5 })).dir;
    try {
      const path = join(small, 'cells.jsonl');
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      lines[0] = lines[0]!.replace(/"ratio":[^,]+/, '"ratio":null').replace('"nonFinite":""', '"nonFinite":"ratio=Infinity"');
      lines[1] = lines[1]!.replace(/"layerGradNorms":\[[^,\]]+/, '"layerGradNorms":[0');
      await writeFile(path, lines.join('\n') + '\n');
      const r = await writeReport(small, { formats: ['svg', 'pdf'] });
      expect(r.figures).toHaveLength(12);
      const html = await readFile(r.html!, 'utf8');
      const captions = [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
      expect(captions[0]).toMatch(/^Figure 1\. Gradient norm by layer at depth 3\..*0 non-finite and 1 non-positive values are left out/);
      expect(captions[1]).toMatch(/^Figure 2\..*1 non-finite and 0 non-positive values are left out/);
      expect(html.match(/<tr class="arch-/g)).toHaveLength(1);
    } finally {
      await rm(small, { recursive: true, force: true });
    }
  });
});

describe('options', () => {
  it('fills defaults', () => {
    const o = resolveReportOptions('/data/sweep');
    expect(o).toMatchObject({ title: 'Gradient flow in plain vs residual networks', html: '/data/sweep/report.html', figuresDir: '/data/sweep/figures', formats: ['svg', 'png'], scale: 2, interactive: false });
    expect(resolveReportOptions('/d', { ppi: 300 }).scale).toBeCloseTo(300 / 72);
  });

  it('rejects bad options with the option name and what is accepted', () => {
    expect(() => resolveReportOptions('/d', { formats: ['svg', 'jpg' as 'svg'] })).toThrow(/report option formats must be an array of distinct "svg", "png", "pdf"; got an array of length 2/);
    expect(() => resolveReportOptions('/d', { scale: 0 })).toThrow(/report option scale must be a number in \(0, 50\]; got 0/);
    expect(() => resolveReportOptions('/d', { depth: 2.5 })).toThrow(/report option depth must be a positive integer/);
    expect(() => resolveReportOptions('/d', { title: '  ' })).toThrow(/report option title must be a non-empty string/);
  });

  it('a depth that was not swept fails before anything is written', async () => {
    await expect(writeReport(dir, { depth: 6, html: join(dir, 'never.html') })).rejects.toThrow(/depth must be one of the swept depths \(4, 8\); got 6/);
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  });
});

describe('notebookFigures and writeFigures', () => {
  it('patternsFigure and identityFigure take core objects and caption what they show', () => {
    const patterns = generatePatterns(createRng(1), 6, 8);
    const p = patternsFigure(patterns);
    expect(p.caption).toMatch(/first 4 samples of each class, out of 6 8×8 samples/);
    const pixels = (p.spec as any).layer[0].data.values;
    expect(pixels).toHaveLength(6 * 64);
    expect(pixels[0].value).toBe(patterns.X[0]);
    const near = identityFigure(identityDemo(createRng(2), 16, 0.001), { weightScale: 0.001 });
    expect(near.caption).toMatch(/scaled by 0\.001.*every dot sits on the dashed line/);
    const far = identityFigure(identityDemo(createRng(2), 16, 1));
    expect(far.caption).toMatch(/far from the identity/);
  });


  it('builds the notebook figures from a replay, plotting its numbers as they are', async () => {
    const replay = replayNotebook();
    const figures = notebookFigures(replay);
    expect(figures.map((f) => f.name)).toEqual(['gradient-flow', 'depth-scaling', 'patterns', 'identity']);
    const flow = (figures[0]!.spec as any).data.values;
    expect(flow.filter((r: any) => r.arch === 'plain').map((r: any) => r.y)).toEqual(replay.plainGrads);
    expect(flow.filter((r: any) => r.arch === 'residual').map((r: any) => r.y)).toEqual(replay.resnetGrads);
    const scaling = (figures[1]!.spec as any).data.values;
    expect(scaling.filter((r: any) => r.arch === 'plain').map((r: any) => r.x)).toEqual([5, 10, 20, 30, 40]);
    expect(figures[3]!.caption).toContain('0.001');
    const files = await writeFigures(figures, join(dir, 'nb'), { formats: ['png', 'pdf'], ppi: 150 });
    expect(files).toHaveLength(8);
    expect(files[0]).toBe(join(dir, 'nb', 'gradient-flow.png'));
  });
});
