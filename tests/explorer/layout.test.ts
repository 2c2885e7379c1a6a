import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../fixtures/chromium.js';
import { gridDone, openExplorer } from './page.js';

/** Where the screenshots go (printed in a failing assertion's message). */
const shots = join(tmpdir(), 'resnet-explorer-screenshots');
const SIZES = [
  { name: 'projector', width: 1280, height: 720 },
  { name: 'phone', width: 390, height: 844 },
] as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Layout faults of the visible page: sideways scrolling, boxes that leave the viewport, text wider than its box,
 * and any two boxes (texts, controls, plots, plot labels) that overlap without one holding the other.
 */
async function layoutFaults(page: Page): Promise<string[]> {
  // The table blocks are `content-visibility: auto`: while off-screen their contents keep the boxes of their
  // last rendering (stale once the grid changed), and a reader scrolling there sees them laid out afresh. So
  // lay every block out as it is now, as it will be when scrolled to, before measuring.
  await page.addStyleTag({ content: '.table-block { content-visibility: visible !important; }' });
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => {
    const faults: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1)
      faults.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    const name = (e: Element) =>
      `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.className && typeof e.className === 'string' ? `.${e.className.split(' ')[0]}` : ''} "${(e.textContent ?? '').trim().slice(0, 30)}"`;
    const boxes = Array.from(
      document.querySelectorAll(
        'h1, h2, h3, p, legend, label, button, input:not(.chip input), summary, code, .legend .key, figure svg, svg text, .table-wrap, .chip span',
      ),
    ).filter((e) => {
      const r = e.getBoundingClientRect();
      // Shown (not in a closed <details> or a hidden tab), and not inside a table's scroll box (it scrolls by design).
      const shown = e.checkVisibility({ contentVisibilityAuto: false, visibilityProperty: true });
      return shown && r.width > 0 && r.height > 0 && !e.parentElement?.closest('.table-wrap');
    });
    for (const e of boxes) {
      const r = e.getBoundingClientRect();
      if (r.left < -1 || r.right > vw + 1)
        faults.push(`${name(e)} leaves the viewport: ${r.left}..${r.right} of ${vw}`);
      if (
        !(e instanceof SVGElement) &&
        e.tagName !== 'INPUT' &&
        e.scrollWidth > e.clientWidth + 1 &&
        getComputedStyle(e).overflowX !== 'auto'
      )
        faults.push(`${name(e)} is cut off: text ${e.scrollWidth} wide in ${e.clientWidth}`);
    }
    const rects = boxes.map((e) => e.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a.contains(b) || b.contains(a)) continue;
        const [p, q] = [rects[i]!, rects[j]!];
        const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (w > 1 && h > 1) faults.push(`${name(a)} overlaps ${name(b)} by ${w.toFixed(0)}x${h.toFixed(0)}`);
      }
    return faults;
  });
}

describe.each(SIZES)('the explorer at $name size ($width x $height)', (size) => {
  it('gradient flow: nothing overlaps or is cut off', async () => {
    const { page, errors } = await openExplorer(browser, '#depths=5..40&seeds=30', size);
    await gridDone(page);
    await page.click('#grid-depth-text'); // a focused control draws its outline: still no overlap
    const path = join(shots, `gradient-${size.name}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(await layoutFaults(page), path).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('gradient flow with every control in use (variants, expressions, an error): nothing overlaps or is cut off', async () => {
    const { page } = await openExplorer(
      browser,
      '#depths=2..12&seeds=8&blocks=notebook,original,preact&branch-scale=1,1/sqrt(blocks)&sigma-w2=2*(1+1/width)',
      size,
    );
    await gridDone(page);
    await page.click('summary'); // open "More flags"
    await page.fill('#grid-batch-text', 'lots');
    await page.press('#grid-batch-text', 'Enter');
    const path = join(shots, `gradient-variants-${size.name}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(await layoutFaults(page), path).toEqual([]);
    await page.close();
  });

  it('training: nothing overlaps or is cut off', async () => {
    const { page, errors } = await openExplorer(
      browser,
      '#tab=train&train.depths=8&train.epochs=1&train.limit=1000',
      size,
    );
    await page.waitForSelector('#tab-train[data-state="done"]', { timeout: 60_000 });
    const path = join(shots, `training-${size.name}.png`);
    await page.screenshot({ path, fullPage: true });
    expect(await layoutFaults(page), path).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
