import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { EXPLORER_HTML } from '@resnet/explorer';
import { fileURLToPath } from 'node:url';

/** The built explorer page. */
export const explorerFile = fileURLToPath(EXPLORER_HTML);

/** An explorer page opened from file:// with every request but the file itself refused, and what it logged. */
export interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  url: string;
}

/** Opens the explorer from disk with a hash; records console errors and warnings, uncaught errors and requests. */
export async function openExplorer(
  browser: Browser,
  hash = '',
  viewport = { width: 1280, height: 720 },
  init?: () => void,
): Promise<Opened> {
  const url = pathToFileURL(explorerFile).href;
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on(
    'console',
    (m) => (m.type() === 'error' || m.type() === 'warning') && errors.push(`${m.type()}: ${m.text()}`),
  );
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  if (init) await page.addInitScript(init);
  await page.goto(url + hash, { waitUntil: 'load' });
  return { page, errors, requests, url };
}

/** Waits until the gradient tab has drawn every seed of a job after `after` (a job id), and returns its id. */
export async function gridDone(page: Page, after = 0): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const tab = document.querySelector<HTMLElement>('#tab-gradient')!;
      const job = Number(tab.dataset['job'] ?? 0);
      return job > after && tab.dataset['state'] === 'done' ? job : null;
    },
    after,
    { timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** The rows of a table on the page, each a list of its cells' text (header row first). */
export function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tr`, (rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent ?? '')));
}
