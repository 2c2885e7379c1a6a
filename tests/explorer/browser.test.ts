import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { trainRun } from '@resnet/core';
import { loadMnist } from '@resnet/data';
import { limitSplit } from '@resnet/explorer/model';
import { jobAxes, parseCsv } from '@resnet/sweep/browser';
import { resnet } from '../cli/run.js';
import { launchChromium } from '../fixtures/chromium.js';
import { gridDone, openExplorer, tableRows } from './page.js';

let browser: Browser;
const made: string[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** summary.csv of `resnet sweep` with these flags, as rows of fields (header first). */
async function sweepSummary(...flags: string[]): Promise<string[][]> {
  const out = mkdtempSync(join(tmpdir(), 'resnet-explorer-sweep-'));
  made.push(out);
  const r = await resnet('sweep', ...flags, '--no-report', '--out', out);
  expect(r.code, r.stderr).toBe(0);
  return parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
}

describe('the explorer from file://, network blocked', () => {
  it('computes the grid of its URL hash: no console error, no request but the file, the CLI’s summary.csv in its table', async () => {
    const { page, errors, requests, url } = await openExplorer(
      browser,
      '#depths=4..7&seeds=12&blocks=notebook,preact&branch-scale=1,1/sqrt(blocks)',
    );
    await gridDone(page);
    // The controls show the link's state.
    expect(await page.isChecked('#grid-blocks-preact')).toBe(true);
    expect(await page.inputValue('#grid-branch-scale-text')).toBe('1,1/sqrt(blocks)');
    const rows = await tableRows(page, '#summary');
    expect(rows).toEqual(
      await sweepSummary(
        '--depths',
        '4..7',
        '--seeds',
        '12',
        '--blocks',
        'notebook,preact',
        '--branch-scale',
        '1,1/sqrt(blocks)',
      ),
    );
    expect(rows).toHaveLength(1 + 4 * (1 + 2 * 2)); // plain, and residual x 2 blocks x 2 scales, at 4 depths
    expect(await page.$$eval('#plot-profile svg path.median', (p) => p.length)).toBe(5);
    expect(await page.textContent('#grid-status')).toMatch(
      /12 seeds × 20 networks = 240 cells in [\d.]+ s on \d+ workers?\./,
    );
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('has a control for every axis of resnet sweep, one from its declaration alone (--input-scale), on the CLI line', async () => {
    const { page, errors } = await openExplorer(browser, '#depths=3,5&seeds=4&input-scale=0.5,2');
    await gridDone(page);
    for (const a of jobAxes('sweep')) expect(await page.$(`#grid-${a.flag}`), a.flag).not.toBeNull();
    expect(await page.inputValue('#grid-input-scale-text')).toBe('0.5,2');
    expect(await page.textContent('#grid-input-scale-help')).toBe(
      'Input scales s: x drawn from N(0, I), then times s. Default: 1.',
    );
    expect(await page.textContent('#grid-cli')).toBe('resnet sweep --depths 3,5 --seeds 4 --input-scale 0.5,2');
    expect(await tableRows(page, '#summary')).toEqual(
      await sweepSummary('--depths', '3,5', '--seeds', '4', '--input-scale', '0.5,2'),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a control changed by keyboard and one by pointer recompute the plots and the table, and the URL follows', async () => {
    const { page, errors, requests, url } = await openExplorer(browser, '#depths=3..6&seeds=20');
    let job = await gridDone(page);
    const plots = () => page.$$eval('.plot svg', (s) => s.map((e) => e.outerHTML));
    const counts = async () => (await tableRows(page, '#summary')).slice(1).map((r) => r[2]);
    const before = await plots();
    expect(await counts()).toEqual(Array(8).fill('20'));
    // Keyboard: the seeds slider one step left (20 -> 10).
    await page.focus('#grid-seeds-slider');
    await page.keyboard.press('ArrowLeft');
    job = await gridDone(page, job);
    expect(await counts()).toEqual(Array(8).fill('10'));
    expect(await page.inputValue('#grid-seeds-text')).toBe('10');
    expect(new URL(page.url()).hash).toBe('#depths=3..6&seeds=10');
    const afterKeys = await plots();
    expect(afterKeys).not.toEqual(before);
    // Pointer: the preact chip.
    await page.click('label[for="grid-blocks-preact"]');
    await gridDone(page, job);
    expect(new URL(page.url()).hash).toBe('#depths=3..6&seeds=10&blocks=notebook,preact');
    const rows = await tableRows(page, '#summary');
    expect(rows[0]!.slice(0, 3)).toEqual(['arch', 'block', 'depth']);
    expect(rows).toEqual(await sweepSummary('--depths', '3..6', '--seeds', '10', '--blocks', 'notebook,preact'));
    expect(await plots()).not.toEqual(afterKeys);
    // A bad value typed by hand: the CLI's message under its control, nothing recomputed.
    await page.fill('#grid-depths-text', '6..3');
    await page.press('#grid-depths-text', 'Enter');
    expect(await page.textContent('#grid-depths-error')).toMatch(
      /^--depths: got "6\.\.3"; expected an ascending range/,
    );
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('works without Web Workers (computing in the page), with the same numbers', async () => {
    const noWorkers = () => Object.defineProperty(window, 'Worker', { value: undefined });
    const { page, errors } = await openExplorer(browser, '#depths=5,10&seeds=9&inits=xavier', undefined, noWorkers);
    await gridDone(page);
    expect(await page.textContent('#grid-status')).toMatch(/in the page \(no workers\)/);
    expect(await tableRows(page, '#summary')).toEqual(
      await sweepSummary('--depths', '5,10', '--seeds', '9', '--inits', 'xavier'),
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('notes what it cannot use in a link', async () => {
    const { page } = await openExplorer(browser, '#depths=5,10&seeds=3&colour=red');
    await gridDone(page);
    expect(await page.textContent('#notice')).toMatch(/"colour" in the link is not a flag the explorer knows/);
    await page.close();
  });
});

describe('the training tab', () => {
  it('trains plain and residual side by side and reproduces core’s trainRun for the same seed and digits', async () => {
    const flags = { depth: 8, width: 32, epochs: 2, seed: 3 };
    const { page, errors, requests, url } = await openExplorer(
      browser,
      `#tab=train&train.depths=${flags.depth}&train.width=${flags.width}&train.epochs=${flags.epochs}&train.seeds=3..3&train.limit=600`,
    );
    await page.waitForSelector('#tab-train[data-state="done"]', { timeout: 120_000 });
    const data = limitSplit(loadMnist(), 600);
    for (const arch of ['plain', 'residual'] as const) {
      const reference = trainRun({ arch, ...flags }, data);
      const shown = await page.$$eval(`#train-epochs tr[data-arch="${arch}"]`, (rows) =>
        rows.map((r) => Array.from(r.querySelectorAll('td[data-value]'), (td) => td.getAttribute('data-value'))),
      );
      expect(shown).toEqual(
        reference.epochs.map((e) => [String(e.trainLoss), String(e.trainError), String(e.testError)]),
      );
    }
    expect(
      await page.$$eval('#fig-train-plain svg path.median, #fig-train-residual svg path.median', (p) => p.length),
    ).toBe(4);
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('pauses, resumes and resets', async () => {
    const { page } = await openExplorer(browser, '#tab=train&train.depths=16&train.epochs=3');
    const tab = () => page.$eval('#tab-train', (t) => ({ ...(t as HTMLElement).dataset }));
    const steps = async () => ((await tab())['steps'] ?? '').split(',').map(Number);
    // Both nets under way (each past its first steps), then paused: no step is taken while paused.
    await page.waitForFunction(() => {
      const s = (document.querySelector('#tab-train') as HTMLElement).dataset['steps'] ?? '';
      return /^\d+,\d+$/.test(s) && s.split(',').every((n) => Number(n) >= 2);
    });
    await page.click('#train-pause');
    await page.waitForFunction(
      () => (document.querySelector('#tab-train') as HTMLElement).dataset['paused'] === 'true',
    );
    const paused = await steps();
    await page.waitForTimeout(800);
    expect(await steps()).toEqual(paused);
    expect(await page.textContent('#train-pause')).toBe('Resume');
    // Enter on the focused button resumes: both nets go on from where they stopped.
    await page.keyboard.press('Enter');
    await page.waitForFunction((p) => {
      const s = ((document.querySelector('#tab-train') as HTMLElement).dataset['steps'] ?? '').split(',');
      return s.every((n, i) => Number(n) > p[i]!);
    }, paused);
    expect(await page.textContent('#train-pause')).toBe('Pause');
    // Reset: a new run (its number changes) that starts again from step 0.
    const run = (await tab())['run'];
    await page.click('#train-reset');
    await page.waitForFunction((r) => (document.querySelector('#tab-train') as HTMLElement).dataset['run'] !== r, run);
    const restarted = await steps();
    expect(restarted.every((s, i) => s <= paused[i]!)).toBe(true);
    await page.close();
  });
});
