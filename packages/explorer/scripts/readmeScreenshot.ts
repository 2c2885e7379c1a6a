// Writes docs/explorer.png, the README's screenshot: the explorer's first screen at projector size (1280x720), the
// README grid computed, taken with the npm Chromium the tests use. Run after a build:
//   npx tsx packages/explorer/scripts/readmeScreenshot.ts
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EXPLORER_HTML } from '@resnet/explorer';
import { launchChromium } from '../../../tests/fixtures/chromium.js';

const out = resolve(import.meta.dirname, '../../../docs/explorer.png');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const url = pathToFileURL(EXPLORER_HTML.pathname).href;
await page.route('**/*', (r) => (r.request().url() === url ? r.continue() : r.abort()));
await page.goto(url, { waitUntil: 'load' });
await page.waitForSelector('#tab-gradient[data-state="done"]', { timeout: 120_000 });
// Once more on warm workers (50 seeds, then the README's 100 again), so the status shows a recompute's time.
for (const seeds of ['50', '100']) {
  const job = await page.getAttribute('#tab-gradient', 'data-job');
  await page.fill('#grid-seeds-text', seeds);
  await page.press('#grid-seeds-text', 'Enter');
  await page.waitForSelector(`#tab-gradient[data-state="done"]:not([data-job="${job}"])`, { timeout: 120_000 });
}
await page.locator('#grid-seeds-text').blur();
await page.screenshot({ path: out });
await browser.close();
console.log(out);
