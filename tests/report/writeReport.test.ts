import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, generatePatterns, identityDemo, replayNotebook } from '@resnet/core';
import {
  identityFigure,
  loadSweep,
  notebookFigures,
  patternsFigure,
  resolveReportOptions,
  sweepFigures,
  writeFigures,
  writeReport,
} from '@resnet/report';
import { relistFiles, writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';
import { cmapCodePoints } from './ttfCmap.js';

let dir: string;
beforeAll(async () => {
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 10 })).dir;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Every src= / href= / url() target in an HTML page. */
const urls = (html: string) =>
  [...html.matchAll(/\b(?:src|href)\s*=\s*"([^"]*)"|url\(([^)]*)\)/g)].map((m) => m[1] ?? m[2]!);

describe('writeReport', () => {
  it('writes SVG and PNG figures and one HTML file by default, and says how long it took', async () => {
    const r = await writeReport(dir);
    expect(r.html).toBe(join(dir, 'report.html'));
    expect(r.figures).toHaveLength(12);
    expect(r.figures.slice(0, 2)).toEqual([
      join(dir, 'figures/grad-profile.svg'),
      join(dir, 'figures/grad-profile.png'),
    ]);
    for (const f of r.figures) expect(existsSync(f)).toBe(true);
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('the page is self-contained: inline SVG figures, relative data links, no URL leaving the file, a strict CSP', async () => {
    await writeReport(dir, { formats: ['svg', 'png', 'pdf'], command: 'resnet report fixture' });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html.match(/<figure /g)).toHaveLength(6);
    expect(html.match(/<svg /g)).toHaveLength(6);
    for (const u of urls(html))
      expect(u).toMatch(
        /^(data:|cells\.jsonl$|summary\.csv$|manifest\.json$|figures\/[a-z-]+\.(svg|png|pdf|vl\.json)$|#)/,
      );
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
    expect(html).toContain(
      '<h1 id="report-title">A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;</h1>',
    );
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
    for (const u of urls(html.replace(/<script>[\s\S]*?<\/script>/g, '')))
      expect(u).toMatch(/^(data:|#|cells\.jsonl$|summary\.csv$|manifest\.json$)/);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/);
    const specs = JSON.parse(html.match(/id="report-specs">([\s\S]*?)<\/script>/)![1]!);
    expect(Object.keys(specs)).toEqual([
      'grad-profile',
      'ratio-depth',
      'act-profile',
      'ratio-distribution',
      'patterns',
      'identity',
    ]);
    expect(JSON.stringify(specs)).not.toContain('$schema');
    // Band figures get invisible hover targets on the median line in the page only; print and .vl.json carry none.
    const hover = specs['ratio-depth'].layer.at(-1);
    expect(hover).toMatchObject({ mark: { type: 'point', opacity: 0 }, encoding: { y: { field: 'median' } } });
    expect(hover.encoding.tooltip.map((t: any) => t.field)).toContain('median');
    expect(JSON.stringify(sweepFigures((await loadSweep(dir)).cells).map((f) => f.spec))).not.toMatch(
      /"opacity":0[,}]/,
    );
  });
});

describe('unusual sweeps', () => {
  it('a one-arch, one-depth sweep with non-finite and zero values still renders, and captions count what the log axis leaves out', async () => {
    const small = (await writeReportSweepFolder({ archs: ['plain'], depths: [3], seeds: 5 })).dir;
    try {
      const path = join(small, 'cells.jsonl');
      const lines = (await readFile(path, 'utf8')).trim().split('\n');
      lines[0] = lines[0]!
        .replace(/"ratio":[^,]+/, '"ratio":null')
        .replace('"nonFinite":""', '"nonFinite":"ratio=Infinity"');
      lines[1] = lines[1]!.replace(/"layerGradNorms":\[[^,\]]+/, '"layerGradNorms":[0');
      await writeFile(path, `${lines.join('\n')}\n`);
      // The ratio figures read cellstats.f64 (the cells' summary values): cell 0's ratio there too.
      const stats = await readFile(join(small, 'cellstats.f64'));
      stats.writeDoubleLE(Infinity, 0);
      stats.writeDoubleLE(1, 4 * 8);
      await writeFile(join(small, 'cellstats.f64'), stats);
      await relistFiles(small); // as if the sweep had written these values
      const r = await writeReport(small, { formats: ['svg', 'pdf'] });
      expect(r.figures).toHaveLength(12);
      const html = await readFile(r.html!, 'utf8');
      const captions = [...html.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, ''),
      );
      expect(captions[0]).toMatch(
        /^Figure 1\. Gradient norm by layer at depth 3\..*0 non-finite and 1 non-positive values are left out/,
      );
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
    expect(o).toMatchObject({
      title: 'Gradient flow in plain vs residual networks',
      html: '/data/sweep/report.html',
      figuresDir: '/data/sweep/figures',
      formats: ['svg', 'png'],
      scale: 2,
      interactive: false,
    });
    expect(resolveReportOptions('/d', { ppi: 300 }).scale).toBeCloseTo(300 / 72);
  });

  it('rejects bad options with the option name and what is accepted', () => {
    expect(() => resolveReportOptions('/d', { formats: ['svg', 'jpg' as 'svg'] })).toThrow(
      /report option formats must be an array of distinct "svg", "png", "pdf"; got an array of length 2/,
    );
    expect(() => resolveReportOptions('/d', { scale: 0 })).toThrow(
      /report option scale must be a number in \(0, 50\]; got 0/,
    );
    expect(() => resolveReportOptions('/d', { depth: 2.5 })).toThrow(/report option depth must be a positive integer/);
    expect(() => resolveReportOptions('/d', { title: '  ' })).toThrow(/report option title must be a non-empty string/);
  });

  it('a depth that was not swept fails before anything is written', async () => {
    await expect(writeReport(dir, { depth: 6, html: join(dir, 'never.html') })).rejects.toThrow(
      /depth must be one of the swept depths \(4, 8\); got 6/,
    );
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
    expect(files).toHaveLength(12);
    expect(files.slice(0, 3)).toEqual(
      ['gradient-flow.png', 'gradient-flow.pdf', 'gradient-flow.vl.json'].map((f) => join(dir, 'nb', f)),
    );
  });
});

describe('files beside the figures', () => {
  it('writes each figure’s Vega-Lite spec as <name>.vl.json: valid JSON, data inline, and vega-lite compiles it', async () => {
    const { compile } = await import('vega-lite');
    const r = await writeReport(dir, { formats: ['svg'], figuresDir: join(dir, 'vl'), html: false });
    expect(r.specs.map((f) => f.slice(join(dir, 'vl').length + 1))).toEqual(
      ['grad-profile', 'ratio-depth', 'act-profile', 'ratio-distribution', 'patterns', 'identity'].map(
        (n) => `${n}.vl.json`,
      ),
    );
    for (const file of r.specs) {
      const spec = JSON.parse(await readFile(file, 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(JSON.stringify(spec)).not.toMatch(/"url"/);
      expect(compile(spec).spec.marks?.length ?? 0, file).toBeGreaterThan(0);
    }
  });

  it('the page’s font is cut down: every glyph the page shows, not the rest of DejaVu', async () => {
    const { fontPath } = await import('@resnet/report');
    const r = await writeReport(dir, { formats: [], html: join(dir, 'font.html') });
    const html = await readFile(r.html!, 'utf8');
    const fonts = [...html.matchAll(/url\(data:font\/ttf;base64,([A-Za-z0-9+/=]+)\)/g)];
    expect(fonts).toHaveLength(1);
    const subset = Buffer.from(fonts[0]![1]!, 'base64');
    expect(subset.readUInt32BE(0)).toBe(0x00010000);
    expect(subset.length).toBeLessThan(60_000);
    expect((await readFile(fontPath())).length).toBeGreaterThan(10 * subset.length);
    // Every character the page shows (axis labels with superscripts, caption symbols) has its glyph; others are gone.
    const mapped = cmapCodePoints(subset);
    const shown = new Set(
      [...html.replace(/url\(data:[^)]*\)/, '')].map((c) => c.codePointAt(0)!).filter((c) => c >= 0x20),
    );
    for (const c of shown) expect(mapped.has(c), String.fromCodePoint(c)).toBe(true);
    for (const c of '⁰¹⁵⁶⁹⁻×−‖') expect(mapped.has(c.codePointAt(0)!)).toBe(true);
    expect(mapped.has('Ж'.codePointAt(0)!)).toBe(false);
    expect(cmapCodePoints(await readFile(fontPath())).has('Ж'.codePointAt(0)!)).toBe(true);
    expect(html.length).toBeLessThan(600_000);
  });

  it('text beyond the prebuilt subset (a title in Cyrillic, an accent) gets its glyphs cut in at run time', async () => {
    const r = await writeReport(dir, { formats: [], html: join(dir, 'font-ru.html'), title: 'Градиенты — café' });
    const html = await readFile(r.html!, 'utf8');
    const mapped = cmapCodePoints(
      Buffer.from(html.match(/url\(data:font\/ttf;base64,([A-Za-z0-9+/=]+)\)/)![1]!, 'base64'),
    );
    for (const c of 'Градиенты—é⁻×') expect(mapped.has(c.codePointAt(0)!), c).toBe(true);
  });
});

describe('preloadReport', () => {
  it('is idempotent, and figures drawn after it (from kept views) are the same as drawn fresh', async () => {
    const { preloadReport, renderSvg, identitySpec, patternsSpec, notebookReplay } = await import('@resnet/report');
    const p = preloadReport();
    expect(preloadReport()).toBe(p);
    await p;
    const r = await writeReport(dir, { formats: ['svg'], figuresDir: join(dir, 'pre'), html: false });
    const replay = notebookReplay();
    // vega numbers gradient ids with a process-wide counter: the only thing allowed to differ.
    const svg = async (p: Promise<string> | string) => (await p).replace(/gradient_\d+/g, 'gradient_N');
    expect(await svg(readFile(r.figures.find((f) => f.endsWith('identity.svg'))!, 'utf8'))).toBe(
      await svg(renderSvg(identitySpec(replay.identity))),
    );
    expect(await svg(readFile(r.figures.find((f) => f.endsWith('patterns.svg'))!, 'utf8'))).toBe(
      await svg(renderSvg(patternsSpec(replay.patterns, 4))),
    );
  });
});
