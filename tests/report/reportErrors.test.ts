import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReportError,
  ReportInterruptedError,
  ReportOptionsError,
  resolveReportOptions,
  writeReport,
} from '@resnet/report';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

let dir: string;
beforeAll(async () => {
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 6 })).dir;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<Error & { kind?: string; option?: string }> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
}

/** An AbortSignal whose `aborted` turns true at the n-th look (0-based), to stop at a chosen point. */
function abortsAtLook(n: number): AbortSignal {
  let looks = 0;
  const signal = Object.create(AbortSignal.prototype) as AbortSignal;
  Object.defineProperty(signal, 'aborted', { get: () => looks++ >= n });
  return signal;
}

/** The ppi a PNG's pHYs chunk records (pixels per metre, converted). */
function pngPpi(png: Buffer): number {
  const at = png.indexOf('pHYs');
  return Math.round(png.readUInt32BE(at + 4) * 0.0254);
}

/** The text of a <dd> after the <dt> with this label. */
const itemOf = (html: string, label: string) => html.match(new RegExp(`<dt>${label}</dt><dd>([^<]*)</dd>`))?.[1];

describe('error kinds', () => {
  it('an option error is usage, names its option (depth for a depth that was not swept) and is typed', async () => {
    const e = await rejection(writeReport(dir, { depth: 6, formats: [] }));
    expect(e).toBeInstanceOf(ReportOptionsError);
    expect(e).toMatchObject({ kind: 'usage', option: 'depth' });
    expect(e.message).toMatch(/report option depth must be one of the swept depths \(4, 8\); got 6/);
    expect(() => resolveReportOptions('/d', { depth: 0 })).toThrow(
      expect.objectContaining({ kind: 'usage', option: 'depth' }),
    );
  });

  it('a missing sweep folder is a state error naming the folder', async () => {
    const e = await rejection(writeReport(join(dir, 'no-such-sweep'), { formats: [], html: false }));
    expect(e).toBeInstanceOf(ReportError);
    expect(e.kind).toBe('state');
    expect(e.message).toContain('no-such-sweep');
  });
});

describe('signal', () => {
  it('an aborted signal stops before any work: interrupted, nothing written', async () => {
    const out = join(dir, 'aborted');
    const e = await rejection(
      writeReport(dir, { signal: AbortSignal.abort(), html: join(out, 'r.html'), figuresDir: out }),
    );
    expect(e).toBeInstanceOf(ReportInterruptedError);
    expect(e.kind).toBe('interrupted');
    expect(existsSync(out)).toBe(false);
  });

  it('aborted between figures: the figure drawn is whole, no later figure, no temp file, no HTML', async () => {
    const out = join(dir, 'half');
    const html = join(dir, 'half.html');
    // Looks 0 and 1 come before the data and the figures; look 2 is before figure 1, look 3 before figure 2.
    const e = await rejection(writeReport(dir, { signal: abortsAtLook(3), html, figuresDir: out }));
    expect(e).toMatchObject({ kind: 'interrupted' });
    expect(e.message).toMatch(/interrupted after 3 files; no file is half-written/);
    expect((await readdir(out)).sort()).toEqual(['grad-profile.png', 'grad-profile.svg', 'grad-profile.vl.json']);
    expect(JSON.parse(await readFile(join(out, 'grad-profile.vl.json'), 'utf8')).layer).toHaveLength(3);
    expect((await readFile(join(out, 'grad-profile.svg'), 'utf8')).trimEnd().endsWith('</svg>')).toBe(true);
    expect(existsSync(html)).toBe(false);
  });

  it('aborted after the last figure: every figure is there, the HTML is not', async () => {
    const out = join(dir, 'nohtml');
    const html = join(dir, 'nohtml.html');
    const e = await rejection(
      writeReport(dir, { signal: abortsAtLook(2 + 6), html, figuresDir: out, formats: ['svg'] }),
    );
    expect(e).toMatchObject({ kind: 'interrupted' });
    expect(await readdir(out)).toHaveLength(12);
    expect(existsSync(html)).toBe(false);
  });
});

describe('unusable output paths fail at once, naming the option', () => {
  it('--html under /proc (Node’s recursive mkdir would spin there forever)', async () => {
    for (const html of ['/proc/forbidden/r.html', '/proc/self/x/r.html']) {
      const e = await rejection(writeReport(dir, { html, formats: [] }));
      expect(e).toMatchObject({ kind: 'usage', option: 'html' });
      expect(e.message).toContain(
        `report option html must be a path where the report can write; got ${JSON.stringify(html)}`,
      );
    }
  });

  it('a path whose parent is a file, for html and figuresDir; html naming a folder', async () => {
    const file = join(dir, 'manifest.json');
    const html = await rejection(writeReport(dir, { html: join(file, 'r.html'), formats: [] }));
    expect(html).toMatchObject({ kind: 'usage', option: 'html' });
    expect(html.message).toContain(`${file} is a file, not a folder`);
    const figs = await rejection(writeReport(dir, { figuresDir: join(file, 'figs'), html: false }));
    expect(figs).toMatchObject({ kind: 'usage', option: 'figuresDir' });
    const folder = await rejection(writeReport(dir, { html: dir, formats: [] }));
    expect(folder).toMatchObject({ option: 'html' });
    expect(folder.message).toMatch(/is a folder/);
  });
});

describe('ppi', () => {
  it('ppi without PNG output is a usage error naming ppi and the formats', () => {
    expect(() => resolveReportOptions('/d', { formats: ['pdf'], ppi: 300 })).toThrow(
      /report option ppi must be left out unless "png" is among the formats \(it sizes the PNG files\); got 300\. Now the formats are pdf: add "png"/,
    );
    expect(() => resolveReportOptions('/d', { formats: [], ppi: 300 })).toThrow(
      expect.objectContaining({ option: 'ppi', kind: 'usage' }),
    );
    expect(() => resolveReportOptions('/d', { formats: ['svg'], scale: 3 })).toThrow(
      expect.objectContaining({ option: 'scale' }),
    );
    expect(resolveReportOptions('/d', { formats: ['pdf', 'png'], ppi: 300 }).scale).toBeCloseTo(300 / 72);
  });

  it('the page’s “PNG resolution” says what the PNG files on disk are, or that there are none', async () => {
    const at300 = await writeReport(dir, {
      formats: ['png', 'pdf'],
      ppi: 300,
      figuresDir: join(dir, 'p300'),
      html: join(dir, 'p300.html'),
    });
    const png = await readFile(at300.figures.find((f) => f.endsWith('.png'))!);
    expect(pngPpi(png)).toBe(300);
    expect(itemOf(await readFile(at300.html!, 'utf8'), 'PNG resolution')).toMatch(/^300 ppi \(as asked/);
    const byDefault = await writeReport(dir, { figuresDir: join(dir, 'pdef'), html: join(dir, 'pdef.html') });
    const ppi = pngPpi(await readFile(byDefault.figures.find((f) => f.endsWith('.png'))!));
    expect(itemOf(await readFile(byDefault.html!, 'utf8'), 'PNG resolution')).toMatch(
      new RegExp(`^${ppi} ppi \\(the default`),
    );
    const none = await writeReport(dir, {
      formats: ['svg'],
      figuresDir: join(dir, 'psvg'),
      html: join(dir, 'psvg.html'),
    });
    expect(none.figures.some((f) => f.endsWith('.png'))).toBe(false);
    expect(itemOf(await readFile(none.html!, 'utf8'), 'PNG resolution')).toBe('no PNG files written');
  });
});

describe('shards', () => {
  it('the report of shard 1 of 3 says “Shard 1 of 3” (manifest shard.index is 1-based)', async () => {
    // A shard folder as the sweep writes it: the shard's cells, its counts in the manifest (which readers check).
    const shard = (await writeReportSweepFolder({ depths: [4, 8], seeds: 6, shard: { index: 1, count: 3 } })).dir;
    try {
      const r = await writeReport(shard, { formats: [], html: join(shard, 'shard.html') });
      expect(itemOf(await readFile(r.html!, 'utf8'), 'Shard')).toMatch(/^Shard 1 of 3 /);
    } finally {
      await rm(shard, { recursive: true, force: true });
    }
  });

  it('refuses a manifest whose shard holds other cells than its cellCount says', async () => {
    const manifestPath = join(dir, 'manifest.json');
    const original = await readFile(manifestPath, 'utf8');
    try {
      await writeFile(manifestPath, JSON.stringify({ ...JSON.parse(original), shard: { index: 1, count: 3 } }));
      const e = await rejection(writeReport(dir, { formats: [], html: join(dir, 'shard.html') }));
      expect(e).toBeInstanceOf(ReportError);
      expect(e.message).toMatch(/says 24 cells, but its grid and shard hold 8/);
    } finally {
      await writeFile(manifestPath, original);
    }
  });
});
