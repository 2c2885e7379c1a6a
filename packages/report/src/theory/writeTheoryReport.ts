import { randomBytes } from 'node:crypto';
import { basename, dirname, join, relative } from 'node:path';
import type { TheoryResult } from '@resnet/core';
import { relativeHref, scopeSvgIds } from '../html/escape.js';
import { subsetFontDataUrl } from '../html/fontSubset.js';
import type { HtmlFigure } from '../html/renderHtml.js';
import type { Item } from '../html/sections.js';
import { makeDir, writeAtomic } from '../outputs.js';
import { pngScale } from '../render.js';
import { reportVersions } from '../versions.js';
import { checkFormats, renderFigures, type FigureFormat } from '../writeFigures.js';
import { theoryFigures } from './theoryFigures.js';
import { theoryLede, theorySettingItems } from './theoryContent.js';
import { renderTheoryHtml } from './theoryHtml.js';

/** Options of writeTheoryReport. */
export interface TheoryReportOptions {
  /** Figure files per prediction, in <dir>/figures; default ['svg', 'png']. */
  formats?: readonly FigureFormat[];
  /** The command line that produced the result, for the provenance list. */
  command?: string;
}

/** What writeTheoryReport wrote. */
export interface TheoryReportResult {
  /** <dir>/theory.html. */
  html: string;
  /** <dir>/theory.json: the result as data. */
  json: string;
  /** Figure files and their .vl.json specs. */
  figures: string[];
}

/**
 * Writes a theory result into dir: theory.html (self-contained: the agreement table, one figure per prediction
 * inline as SVG, captions from the data), theory.json (the data), and each figure as files in dir/figures.
 * Every file is written whole or not at all.
 */
export async function writeTheoryReport(
  result: TheoryResult,
  dir: string,
  options: TheoryReportOptions = {},
): Promise<TheoryReportResult> {
  // 1. Folders and figures (one vega view per figure, every format from it).
  const formats = checkFormats(options.formats ?? ['svg', 'png']);
  const figuresDir = join(dir, 'figures');
  await makeDir(figuresDir, 'figuresDir');
  const rendered = await renderFigures(theoryFigures(result), {
    dir: figuresDir,
    formats,
    scale: pngScale({}),
    keepSvg: true,
    specs: true,
  });
  // 2. The data.
  const json = join(dir, 'theory.json');
  await writeAtomic(json, `${JSON.stringify(result, null, 2)}\n`);
  // 3. The page; the font is cut to the glyphs it uses (a random stand-in marks its place until the text is known).
  const html = join(dir, 'theory.html');
  const href = (path: string) => relativeHref(relative(dirname(html), path));
  const figures: HtmlFigure[] = rendered.map((r) => ({
    figure: r.figure,
    svg: scopeSvgIds(r.svg!, `fig-${r.figure.name}`),
    width: r.width,
    files: [...r.files, ...(r.spec ? [r.spec] : [])].map((file) => ({
      format: file.endsWith('.vl.json') ? 'Vega-Lite' : file.slice(file.lastIndexOf('.') + 1).toUpperCase(),
      href: href(file),
    })),
  }));
  const FONT = `font-${randomBytes(8).toString('hex')}`;
  const page = renderTheoryHtml({
    title: 'Theory against measurement',
    lede: theoryLede(result, basename(json)),
    rows: result.rows,
    figures,
    settings: theorySettingItems(result),
    provenance: provenanceItems(result, options.command),
    fontUrl: FONT,
  });
  await writeAtomic(html, page.replace(FONT, await subsetFontDataUrl(page)));
  return { html, json, figures: rendered.flatMap((r) => (r.spec ? [...r.files, r.spec] : r.files)) };
}

function provenanceItems(result: TheoryResult, command?: string): Item[] {
  const items: Item[] = [];
  if (command) items.push({ label: 'Command', value: command, code: true });
  items.push({ label: 'Measured in', value: `${result.seconds.toFixed(1)} s` });
  items.push({
    label: 'Drawn with',
    value: Object.entries(reportVersions())
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  items.push({ label: 'Written', value: new Date().toISOString() });
  return items;
}
