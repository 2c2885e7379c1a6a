// The explorer in the npm Chromium, beside `resnet sweep` on the same grid in the same run (runs alternate;
// medians of BENCH_RUNS = 5). Not a test: prints. What it measures, after the page has loaded and settled:
//   first partial result: a change (a σ_w² preset clicked) -> the page has drawn the first seeds of the new grid
//   full grid: the same change -> every seed of the README grid (7,200 cells) drawn, on 2 workers (#threads=2)
//   frames per second while a slider is dragged (each step of the σ_w² slider recomputes the grid; the profile
//   depth slider redraws from cells the workers compute for it), against the idle page's rate measured here
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { median } from '../../../bench/numpyBaseline.js';
import { launchChromium } from '../../../tests/fixtures/chromium.js';
import { EXPLORER_HTML } from '@resnet/explorer';
import { maxOf } from '@resnet/core';

// The page's globals, as the functions below use them inside the page (the benches compile without the DOM lib).
declare const document: { querySelector(s: string): { dataset: Record<string, string>; click(): void } };
declare const window: Record<string, unknown> & typeof globalThis;
declare function requestAnimationFrame(callback: (t: number) => void): number;

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const bin = resolve(import.meta.dirname, '../../../apps/cli/bin/resnet.js');

/** `resnet sweep` on the README grid with 2 threads: the whole process and the compute time it prints. */
function cliRun(): { process: number; compute: number } {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-explorer-bench-'));
  const t0 = performance.now();
  const args = [
    'sweep',
    '--depths',
    '5..40',
    '--seeds',
    '100',
    '--threads',
    '2',
    '--no-report',
    '--out',
    join(dir, 'out'),
  ];
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`resnet ${args.join(' ')} failed: ${r.stderr}`);
  const computed = /computed in ([\d.]+) s/.exec(r.stdout);
  return { process: seconds, compute: computed ? Number(computed[1]) : Number.NaN };
}

/** Waits until the gradient tab has drawn every seed of a job after `after`; returns the job id. */
async function gridDone(page: Page, after: number): Promise<number> {
  const handle = await page.waitForFunction(
    (after) => {
      const tab = document.querySelector('#tab-gradient');
      const job = Number(tab.dataset['job'] ?? 0);
      return job > after && tab.dataset['state'] === 'done' ? job : null;
    },
    after,
    { timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

/** One change: clicks a σ_w² preset at t0; returns ms from t0 to the first seeds drawn and to every seed drawn. */
async function change(page: Page, job: number, text: string): Promise<{ job: number; first: number; full: number }> {
  await page.evaluate((text) => {
    window['t0'] = performance.now();
    document.querySelector(`#grid-sigma-w2 button[data-text="${text}"]`).click();
  }, text);
  const next = await gridDone(page, job);
  // (No named functions inside page code: tsx would wrap them in a helper the page does not have.)
  const [first, full] = await page.evaluate(
    (job) =>
      ['explorer:first-result', 'explorer:full-grid'].map((name) => {
        const m = performance
          .getEntriesByType('measure')
          .find((e) => e.name === name && (e as unknown as { detail: unknown }).detail === job);
        return m ? m.startTime + m.duration - (window['t0'] as number) : Number.NaN;
      }),
    next,
  );
  return { job: next, first: first!, full: full! };
}

/** Frames per second and the longest frame while `during` runs (counted by requestAnimationFrame in the page). */
async function frames(page: Page, during: () => Promise<void>): Promise<{ fps: number; worst: number }> {
  await page.evaluate(() => {
    const ts: number[] = [];
    window['frames'] = ts;
    window['tick'] = (t: number) => {
      if (window['frames'] !== ts) return;
      ts.push(t);
      requestAnimationFrame(window['tick'] as (t: number) => void);
    };
    requestAnimationFrame(window['tick'] as (t: number) => void);
  });
  await during();
  const ts = await page.evaluate(() => {
    const f = window['frames'] as number[];
    window['frames'] = null;
    return f;
  });
  const gaps = ts.slice(1).map((t, i) => t - ts[i]!);
  return { fps: (1000 * gaps.length) / (ts.at(-1)! - ts[0]!), worst: maxOf(gaps) };
}

/** Drags a slider's thumb from its left end to its right end and back, in small steps over about 3 s. */
async function drag(page: Page, selector: string): Promise<void> {
  await page.locator(selector).scrollIntoViewIfNeeded();
  const box = (await page.locator(selector).boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 8, y);
  await page.mouse.down();
  for (const [from, to] of [
    [box.x + 8, box.x + box.width - 8],
    [box.x + box.width - 8, box.x + 8],
  ] as const) {
    for (let i = 1; i <= 45; i++) {
      await page.mouse.move(from + ((to - from) * i) / 45, y);
      await page.waitForTimeout(30);
    }
  }
  await page.mouse.up();
}

// 1. The page, loaded once and settled.
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
const url = pathToFileURL(EXPLORER_HTML.pathname).href;
await page.route('**/*', (r) => (r.request().url() === url ? r.continue() : r.abort()));
await page.goto(`${url}#threads=2`, { waitUntil: 'load' });
let job = await gridDone(page, 0);
job = (await change(page, job, '1')).job; // warm-up: workers compiled and tiered up

// 2. Changes and CLI runs, alternating.
const first: number[] = [];
const full: number[] = [];
const cliProcess: number[] = [];
const cliCompute: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const c = cliRun();
  cliProcess.push(c.process * 1000);
  cliCompute.push(c.compute * 1000);
  for (const text of ['2', '1']) {
    const r = await change(page, job, text);
    job = r.job;
    first.push(r.first);
    full.push(r.full);
  }
}

// 3. Frame rate: idle, dragging the σ_w² slider (a new grid each step), dragging the profile-depth slider.
const idle = await frames(page, () => page.waitForTimeout(2000));
const sigma = await frames(page, () => drag(page, '#grid-sigma-w2-slider'));
const dragged =
  Number(
    await page.$eval('#tab-gradient', (t) => (t as unknown as { dataset: Record<string, string> }).dataset['job']),
  ) - job;
job = await gridDone(page, job);
const depth = await frames(page, () => drag(page, '#grid-depth-slider'));
await browser.close();

const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
const row = (name: string, xs: number[], unit = 'ms') =>
  console.log(`  ${name.padEnd(64)} ${median(xs).toFixed(0).padStart(5)} ${unit}  (${list(xs)})`);
console.log(
  `Explorer in the npm Chromium (headless), README grid (7,200 cells), 2 workers; ${cpus()[0]?.model ?? 'CPU'}`,
);
console.log(
  `medians of ${RUNS} runs each, the CLI runs alternating with the page's; this machine is shared: compare within the run`,
);
row('page: change -> first seeds drawn (first partial result)', first);
row('page: change -> every seed drawn (full grid recomputed, 2 workers)', full);
row('resnet sweep ... --threads 2 --no-report: computing (its own timer)', cliCompute);
row('resnet sweep ... --threads 2 --no-report: whole process', cliProcess);
console.log(
  `  full grid in the page / the CLI's computing, this run: ${(median(full) / median(cliCompute)).toFixed(2)}x; targets: first <= 100 ms, full <= 500 ms`,
);
const fps = (name: string, f: { fps: number; worst: number }) =>
  console.log(`  ${name.padEnd(64)} ${f.fps.toFixed(0).padStart(5)} fps  (longest frame ${f.worst.toFixed(0)} ms)`);
fps('idle page (the headless browser’s own frame rate)', idle);
fps(`dragging the σ_w² slider (${dragged} grids started while dragging)`, sigma);
fps('dragging the profile-depth slider', depth);
console.log('  target while dragging: >= 30 fps');
