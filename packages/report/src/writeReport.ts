import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, relative } from 'node:path';
import { depthList, plural } from './format.js';
import { ReportInterruptedError, ReportOptionsError } from './errors.js';
import { relativeHref, scopeSvgIds } from './html/escape.js';
import { preloadFontSubset, subsetFontDataUrl } from './html/fontSubset.js';
import { renderHtml, type HtmlFigure } from './html/renderHtml.js';
import { BOOT_SCRIPT, interactiveSpec, runtimeScripts } from './html/runtime.js';
import { gridItems, summaryTable, type Item } from './html/sections.js';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from './options.js';
import { checkOutputDir, makeDir, writeAtomic } from './outputs.js';
import { notebookReplay } from './notebookReplay.js';
import { DEPTH_WORDS, sweepFigures, profileDepth } from './sweepFigures.js';
import { loadSweep } from './sweep/loadSweep.js';
import type { SweepData } from './sweep/types.js';
import { reportVersions } from './versions.js';
import { variantFigures } from './variants/variantFigures.js';
import { VariantSums } from './variants/variantSums.js';
import { formatVariantTable } from './variants/variantTable.js';
import { variantTheory, type VariantTheory, type VariantTheoryRow } from '@resnet/core';
import { curvePalette } from './palette.js';
import { curvesOf } from './variantFigure.js';
import { VARIANTS_STYLE, variantsTableHtml } from './variants/variantsHtml.js';
import { renderFigures, type RenderedFigure } from './writeFigures.js';

/** What writeReport wrote and how long it took. */
export interface ReportResult {
  /** Path of the HTML file, or null when options.html is false. */
  html: string | null;
  /** Paths of the figure files, figure by figure in the formats' order. */
  figures: string[];
  /** Paths of the Vega-Lite specs written beside the figures (<name>.vl.json), one per figure. */
  specs: string[];
  /** Wall-clock seconds for the whole report. */
  seconds: number;
  /** A sweep over variant axes: its agreement table (rows as data, the text the CLI prints) and what the grid lacks; absent otherwise. */
  variants?: VariantsResult;
  /** Wall-clock seconds of each step: load (read the folder), figures (statistics and specs), render (figure files), html (the page). */
  steps: { load: number; figures: number; render: number; html: number };
}

/** The variants section's agreement table, as writeReport returns it. */
export interface VariantsResult {
  rows: VariantTheoryRow[];
  notes: { label: string; note: string }[];
  /** formatVariantTable's text. */
  table: string;
}

/** Fails at once, naming the option, when an output path cannot be written (before any data is read). */
async function checkOutputs(o: ResolvedReportOptions): Promise<void> {
  if (o.html !== null) {
    const isDir = await stat(o.html).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDir)
      throw new ReportOptionsError(
        'html',
        o.html,
        'a file path',
        `${o.html} is a folder; name the HTML file, e.g. ${o.html}/report.html.`,
      );
    await checkOutputDir(dirname(o.html), 'html', o.html);
  }
  if (o.formats.length) await checkOutputDir(o.figuresDir, 'figuresDir');
}

const stopIfAborted = (o: ResolvedReportOptions, written: readonly string[]) => {
  if (o.signal?.aborted) throw new ReportInterruptedError(written);
};

/**
 * Reads a sweep folder and writes its figures (default SVG and PNG into <dir>/figures, each with its
 * Vega-Lite spec as <name>.vl.json) and one self-contained HTML report (default <dir>/report.html).
 * Every file is written whole or not at all; options.signal stops it between figures.
 */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const t0 = performance.now();
  const steps = { load: 0, figures: 0, render: 0, html: 0 };
  let t = t0;
  const step = (name: keyof typeof steps) => {
    const now = performance.now();
    steps[name] = (now - t) / 1000;
    t = now;
  };
  // 1. Options (validated once), the output paths, then the data.
  const o = resolveReportOptions(dir, options);
  // The page's font (prebuilt, or HarfBuzz when there is none) is read while the data loads.
  if (o.html !== null) void preloadFontSubset().catch(() => undefined);
  await checkOutputs(o);
  stopIfAborted(o, []);
  // A grid with axes: every cell's arrays feed the per-variant theory sums as they stream by.
  let sums: VariantSums | null = null;
  const data = await loadSweep(dir, {
    depth: o.depth,
    visit: (m) => {
      if (!m.grid.axes) return undefined;
      const s = new VariantSums(m.grid.seeds.start);
      sums = s;
      return (c, variant, gridDepth) => s.add(c, variant, gridDepth);
    },
  });
  const depth = profileDepth(data.cells, o.depth);
  stopIfAborted(o, []);
  step('load');
  // 2. Figures: statistics here, specs pure, one vega view per figure for every format.
  // One colour per (arch, variant) in every figure of the report.
  const palette = curvePalette(curvesOf(data.cells));
  const main = sweepFigures(data.cells, { depth, replay: notebookReplay(), palette });
  const theory = sums ? variantTheory([...(sums as VariantSums).groups.values()]) : null;
  const extra = theory
    ? variantFigures(data.summary, theory, DEPTH_WORDS[data.manifest.grid.axes?.depthUnit ?? 'native'], palette)
    : [];
  const figures = [...main, ...extra];
  step('figures');
  const figuresDir = o.formats.length ? o.figuresDir : null;
  if (figuresDir) await makeDir(figuresDir, 'figuresDir');
  const rendered = await renderFigures(figures, {
    dir: figuresDir,
    formats: o.formats,
    scale: o.scale,
    keepSvg: o.html !== null,
    specs: true,
    signal: o.signal,
  });
  const files = rendered.flatMap((r) => r.files);
  const specs = rendered.flatMap((r) => (r.spec ? [r.spec] : []));
  step('render');
  // 3. The page, unless stopped first.
  stopIfAborted(o, [...files, ...specs]);
  if (o.html !== null) await writePage(o.html, o, data, depth, rendered, theory, main.length);
  step('html');
  const variants = theory
    ? { variants: { rows: theory.rows, notes: theory.notes, table: formatVariantTable(theory) } }
    : {};
  return { html: o.html, figures: files, specs, ...variants, seconds: (performance.now() - t0) / 1000, steps };
}

/** 3. The page: inline SVG figures, links to the files, tables and provenance, the font cut to its glyphs; written whole. */
async function writePage(
  html: string,
  o: ResolvedReportOptions,
  data: SweepData,
  depth: number,
  rendered: readonly RenderedFigure[],
  theory: VariantTheory | null,
  mainCount: number,
): Promise<void> {
  const base = dirname(html);
  const href = (path: string) => relativeHref(relative(base, path));
  const htmlFigures: HtmlFigure[] = rendered.map((r) => ({
    figure: r.figure,
    svg: scopeSvgIds(r.svg!, `fig-${r.figure.name}`),
    width: r.width,
    files: [...r.files, ...(r.spec ? [r.spec] : [])].map((file) => ({ format: formatLabel(file), href: href(file) })),
  }));
  // Stands in for the font's data: URL until the page's text (hence its glyphs) is known; random, so no user text can match it.
  const FONT = `font-${randomBytes(8).toString('hex')}`;
  const page = renderHtml({
    title: o.title,
    lede: lede(data),
    figures: htmlFigures.slice(0, mainCount),
    variants: theory
      ? { figures: htmlFigures.slice(mainCount), table: variantsTableHtml(theory), style: VARIANTS_STYLE }
      : null,
    dataLinks: Object.values(data.files).map((path) => ({ label: basename(path), href: href(path) })),
    summaryTable: summaryTable(data.summary),
    grid: gridItems(data.manifest, data.cells.length),
    options: optionItems(o, depth),
    provenance: provenanceItems(data, o),
    fontUrl: FONT,
    interactive: o.interactive
      ? {
          scripts: await runtimeScripts(),
          boot: BOOT_SCRIPT,
          specs: Object.fromEntries(rendered.map((r) => [r.figure.name, interactiveSpec(r.figure.spec)])),
        }
      : null,
  });
  // The font is cut down to the glyphs the page uses (its text, the inline SVGs' labels).
  const text = page.replace(FONT, await subsetFontDataUrl(page));
  stopIfAborted(
    o,
    rendered.flatMap((r) => (r.spec ? [...r.files, r.spec] : r.files)),
  );
  await makeDir(base, 'html', html);
  await writeAtomic(html, text);
}

/** Link label of a figure file: its format, or "Vega-Lite" for the spec. */
function formatLabel(file: string): string {
  return file.endsWith('.vl.json') ? 'Vega-Lite' : extname(file).slice(1).toUpperCase();
}

function lede(data: SweepData): string {
  const g = data.manifest.grid;
  return (
    `Gradient flow measured over ${plural(data.cells.length, 'cell')}: ${g.archs.join(' and ')} networks at depths ${depthList(g.depths)}, ` +
    `${plural(g.seeds.count, 'seed')} each (one random network and input per seed). Every band and quantile below is over seeds.`
  );
}

function optionItems(o: ResolvedReportOptions, depth: number): Item[] {
  return [
    { label: 'Profile depth', value: `${depth} (figures 1 and 3)` },
    { label: 'Figure files', value: o.formats.length ? o.formats.join(', ') : 'none (figures only inline)' },
    { label: 'PNG resolution', value: pngResolution(o) },
    { label: 'Interactive', value: o.interactive ? 'yes (vega runtime inlined)' : 'no (static SVG)' },
  ];
}

function provenanceItems(data: SweepData, o: ResolvedReportOptions): Item[] {
  const m = data.manifest;
  const items: Item[] = [];
  if (o.command) items.push({ label: 'Report command', value: o.command, code: true });
  if (m.command) items.push({ label: 'Sweep command', value: m.command, code: true });
  items.push({ label: 'Config hash', value: m.configHash ?? 'not recorded', code: m.configHash !== null });
  items.push({ label: 'Sweep folder', value: data.dir, code: true });
  const sweepVersions = Object.entries(m.versions)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  if (sweepVersions) items.push({ label: 'Computed with', value: sweepVersions });
  items.push({
    label: 'Drawn with',
    value: Object.entries(reportVersions())
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  const run = m.run ?? {};
  const when = [
    run.startedAt && `started ${String(run.startedAt)}`,
    run.completedAt && `completed ${String(run.completedAt)}`,
  ]
    .filter(Boolean)
    .join(', ');
  if (when) items.push({ label: 'Sweep ran', value: when });
  items.push({ label: 'Report written', value: new Date().toISOString() });
  items.push({
    label: 'Statistics',
    value:
      'quantiles by linear interpolation (numpy’s default) over finite values, from @resnet/core summaryStats; nothing is resampled',
  });
  return items;
}

/** What the PNG files on disk are: their ppi (as their pHYs chunk says) and scale, or that none are written. */
export function pngResolution(o: Pick<ResolvedReportOptions, 'formats' | 'ppi' | 'scale'>): string {
  if (!o.formats.includes('png')) return 'no PNG files written';
  const ppi = Math.round(72 * o.scale);
  return `${ppi} ppi (${o.ppi !== null ? 'as asked' : 'the default'}; ${Number(o.scale.toFixed(3))} px per figure pt)`;
}
