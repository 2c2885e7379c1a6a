import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { FONT_ALIAS, writeReport } from '@resnet/report';
import { runSweep } from '@resnet/sweep';
import { launchChromium } from '../fixtures/chromium.js';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

const FIGURES = ['grad-profile', 'ratio-depth', 'act-profile', 'ratio-distribution', 'patterns', 'identity'];

let browser: Browser;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 10 })).dir;
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  url: string;
}

/** Opens a file in a fresh page with every request but the file itself blocked; records console errors and requests. */
async function open(file: string, width = 1000): Promise<Opened> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests, url };
}

/** Width and height of every figure's SVG on the page, by figure name. */
function figureSizes(page: Page) {
  return page.$$eval('figure.report-figure', (figs) =>
    figs.map((f) => {
      const svg = f.querySelector('.vis svg');
      const r = svg?.getBoundingClientRect();
      return { name: f.getAttribute('data-name'), width: r?.width ?? 0, height: r?.height ?? 0 };
    }),
  );
}

describe('the HTML report in headless Chromium, network blocked', () => {
  it('static: renders every figure and the title, no console error, no request but the file', async () => {
    const html = join(dir, 'static.html');
    await writeReport(dir, { html, title: 'Fixture report', formats: ['svg'] });
    const { page, errors, requests, url } = await open(html);
    await page.evaluate(() => document.fonts.ready);
    expect(await page.title()).toBe('Fixture report');
    expect(await page.textContent('h1')).toBe('Fixture report');
    const sizes = await figureSizes(page);
    expect(sizes.map((s) => s.name)).toEqual(FIGURES);
    for (const s of sizes) {
      expect(s.width, s.name!).toBeGreaterThan(100);
      expect(s.height, s.name!).toBeGreaterThan(50);
    }
    // The figures' font comes from the page itself (data: URL), not from the machine.
    expect(await page.evaluate((f) => document.fonts.check(`12px ${f}`), FONT_ALIAS)).toBe(true);
    expect(await page.$$eval('table.summary tbody tr', (r) => r.length)).toBe(4);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('interactive: vega-embed replaces every figure, tooltips work, still no request and no error', async () => {
    const html = join(dir, 'interactive.html');
    await writeReport(dir, { html, interactive: true, formats: [] });
    const { page, errors, requests, url } = await open(html);
    await page.waitForSelector('html[data-interactive-ready="true"]', { timeout: 20_000 });
    expect(await page.$$eval('.vis.vega-embed[data-interactive="true"] > svg', (s) => s.length)).toBe(FIGURES.length);
    const sizes = await figureSizes(page);
    for (const s of sizes) expect(s.width * s.height, s.name!).toBeGreaterThan(100 * 50);
    // Hover a point of figure 2 (one no other mark covers): vega-tooltip shows its median.
    const points = page.locator('#vis-ratio-depth .mark-symbol path');
    await points.first().scrollIntoViewIfNeeded();
    const uncovered = await points.evaluateAll((paths) =>
      paths.findIndex((p) => {
        const r = p.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === p;
      }),
    );
    expect(uncovered).toBeGreaterThanOrEqual(0);
    await points.nth(uncovered).hover();
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await tooltip.textContent()).toMatch(/median/);
    // Wheel over the plot zooms (an interval selection bound to the scales): the x axis labels change.
    const xLabels = () =>
      page.$$eval('#vis-ratio-depth .role-axis-label text', (t) => t.map((e) => e.textContent).join(' '));
    const before = await xLabels();
    await page.mouse.wheel(0, -400);
    await expect.poll(xLabels, { timeout: 5_000 }).not.toBe(before);
    // The zoom clips the marks to the plot but not the hover targets (the one hovered sits on the axis end, half of
    // it would be cut); they follow the zoom instead: anchored at depth 4, depth 8 left the view and its targets too.
    expect(await points.nth(uncovered).evaluate((p) => p.closest('[clip-path]'))).toBeNull();
    const targets = await page.$$eval('#vis-ratio-depth .mark-symbol path[opacity="0"]', (p) =>
      p.map((e) => e.getAttribute('aria-label') ?? ''),
    );
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t).toMatch(/\): 4; median: /);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('a title holding <script> shows as text and never runs', async () => {
    const title = '<script>window.__pwned = 1</script> & <img src=x onerror="window.__pwned = 2">';
    const html = join(dir, 'escaped.html');
    await writeReport(dir, { html, title, formats: [] });
    const { page, errors, requests, url } = await open(html);
    expect(await page.textContent('h1')).toBe(title);
    expect(await page.title()).toBe(title);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.$$eval('main img, main script', (e) => e.length)).toBe(0);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('a sweep over many variants: the summary and agreement tables fit the page at 1280 px, no horizontal scroll', async () => {
    const out = join(dir, 'variants');
    await runSweep({
      depths: [2, 4],
      seeds: { start: 0, count: 4 },
      threads: 1,
      out,
      width: 8,
      inputSize: 8,
      axes: {
        block: ['preact', 'notebook'],
        inputActivation: ['linear', 'relu'],
        branchScale: ['1/sqrt(blocks)', 0, 1],
        outputActivation: ['relu', 'linear'],
      },
    });
    const r = await writeReport(out, { formats: [] });
    const { page, errors } = await open(r.html!, 1280);
    const overflow = await page.$$eval('.table-wrap', (wraps) =>
      wraps.map((w) => ({ id: w.closest('section')?.id, scroll: w.scrollWidth, client: w.clientWidth })),
    );
    expect(overflow.map((o) => o.id)).toEqual(expect.arrayContaining(['summary', 'variants']));
    for (const o of overflow) expect(o.scroll, o.id).toBeLessThanOrEqual(o.client);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
