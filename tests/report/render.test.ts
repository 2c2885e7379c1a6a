import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { replayNotebook } from '@resnet/core';
import {
  depthBands,
  FONT_ALIAS,
  loadSweep,
  notebookFigures,
  ratioDepthSpec,
  renderPdf,
  renderPng,
  renderSvg,
  sweepFigures,
  writeFigures,
  type SweepCell,
} from '@resnet/report';
import { writeReportSweepFolder } from '../fixtures/reportSweepFolder.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/report/golden-ratio-depth.png');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** Mean absolute difference per RGBA channel (0-255) that still counts as the same image. */
const TOLERANCE = 1.5;

let dir: string;
let cells: SweepCell[];
beforeAll(async () => {
  dir = (await writeReportSweepFolder({ depths: [4, 8], seeds: 10 })).dir;
  cells = (await loadSweep(dir)).cells;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const spec = () => ratioDepthSpec(depthBands(cells, (c) => c.ratio));

/** Decoded RGBA pixels of a PNG. */
async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const ctx = createCanvas(img.width, img.height).getContext('2d');
  ctx.drawImage(img, 0, 0);
  return { width: img.width, height: img.height, data: ctx.getImageData(0, 0, img.width, img.height).data };
}

/** Mean absolute channel difference of two same-sized images. */
async function meanAbsDiff(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
  expect([pa.width, pa.height]).toEqual([pb.width, pb.height]);
  let sum = 0;
  for (let i = 0; i < pa.data.length; i++) sum += Math.abs(pa.data[i]! - pb.data[i]!);
  return sum / pa.data.length;
}

describe('renderers', () => {
  it('SVG: text stays text, in the shipped font, measured (not estimated)', async () => {
    const svg = await renderSvg(spec());
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain(`font-family="${FONT_ALIAS}, DejaVu Sans`);
    expect(svg).toMatch(/<text[^>]*>First \/ last gradient ratio<\/text>/);
    expect(svg).not.toMatch(/(?:src|href)="https?:/);
  });

  it('log axis labels are powers of ten in superscripts, with a labelled tick below 1 when a band goes below it', async () => {
    const svg = await renderSvg(spec());
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
      .map((m) => m[1]!)
      .filter((t) => /^[0-9.×⁰¹²³⁴⁵⁶⁷⁸⁹⁻e+-]+$/.test(t) && /10/.test(t));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    for (const l of labels) expect(l).toMatch(/^(\d×)?10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    expect(labels.some((l) => l.startsWith('10⁻') || /×10⁻/.test(l))).toBe(true);
    expect(svg).not.toMatch(/>1e[+-]?\d/);
  });

  it('PNG: scale 2 by default, ppi overrides scale, pHYs records the resolution', async () => {
    const one = await pixels(await renderPng(spec(), { scale: 1 }));
    const two = await pixels(await renderPng(spec()));
    const print = await renderPng(spec(), { ppi: 300, scale: 7 });
    const p300 = await pixels(print);
    expect(two.width).toBe(2 * one.width);
    expect(p300.width).toBe(Math.ceil((one.width * 300) / 72));
    // pHYs: 300 ppi = 11811 pixels per metre, both axes, unit 1.
    const at = print.indexOf('pHYs');
    expect(print.readUInt32BE(at + 4)).toBe(11811);
    // Single column of a paper is ~3.3 in: the figure is 72 px per inch at scale 1.
    expect(one.width / 72).toBeGreaterThan(2.5);
    expect(one.width / 72).toBeLessThan(3.4);
    await expect(renderPng(spec(), { ppi: -1 })).rejects.toThrow(/report option ppi must be a positive number; got -1/);
  });

  it('PDF: vector, starts with %PDF, embeds a TrueType font (FontFile2) and no Type 3 font', async () => {
    const pdf = await renderPdf(spec(), { title: 'ratio' });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    expect(text).not.toContain('/Type3');
    expect(text).toContain('/FontFile2');
    expect(text).toMatch(/DejaVuSans/);
    // Vector: no embedded raster image of the chart.
    expect(text).not.toMatch(/\/Subtype\s*\/Image/);
    // The superscript labels are DejaVu glyphs (the ToUnicode map of the embedded font has superscript minus U+207B).
    const maps = [...pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)endstream/g)].flatMap((m) => {
      try {
        return [inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1')];
      } catch {
        return [];
      }
    });
    expect(maps.some((t) => /beginbf(char|range)/.test(t) && /<207B>/i.test(t))).toBe(true);
  });

  it('PDF: no figure of the report or of the notebook falls back to Type 3 (text after a dashed rule included)', async () => {
    const figures = [...sweepFigures(cells), ...notebookFigures(replayNotebook())];
    const out = join(dir, 'pdf');
    const files = await writeFigures(figures, out, { formats: ['pdf'], specs: false });
    expect(files).toHaveLength(10);
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      expect(text.includes('/Type3'), file).toBe(false);
      expect(text.includes('/FontFile2'), file).toBe(true);
    }
  });

  it('matches the golden PNG (mean pixel difference under tolerance; UPDATE_GOLDEN=1 regenerates)', async () => {
    const png = await renderPng(spec(), { scale: 1 });
    if (UPDATE || !existsSync(GOLDEN)) {
      if (!UPDATE)
        throw new Error(`${GOLDEN} is missing: run UPDATE_GOLDEN=1 npx vitest run report/render to create it.`);
      await mkdir(dirname(GOLDEN), { recursive: true });
      await writeFile(GOLDEN, png);
    }
    expect(await meanAbsDiff(png, await readFile(GOLDEN))).toBeLessThan(TOLERANCE);
  });

  it('the golden comparison notices a real change (a different colour for one arch)', async () => {
    const changed = JSON.parse(JSON.stringify(spec()).replaceAll('#D55E00', '#00AA00'));
    const png = await renderPng(changed, { scale: 1 });
    expect(await meanAbsDiff(png, await readFile(GOLDEN))).toBeGreaterThan(TOLERANCE);
  });
});
