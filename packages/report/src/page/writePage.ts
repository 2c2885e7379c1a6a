import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { ReportError, ReportInterruptedError, ReportOptionsError } from '../errors.js';
import { relativeHref, scopeSvgIds } from '../html/escape.js';
import { preloadFontSubset, subsetFontDataUrl } from '../html/fontSubset.js';
import type { PageScripts } from '../html/page.js';
import type { HtmlFigure } from '../html/renderHtml.js';
import { BOOT_SCRIPT, interactiveSpec, runtimeScripts } from '../html/runtime.js';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from '../options.js';
import { checkOutputDir, makeDir, writeAtomic } from '../outputs.js';
import type { Figure } from '../specs/common.js';
import { renderFigures, type RenderedFigure } from '../writeFigures.js';

// The one page pipeline of every report (sweep, training, theory): options, output checks, the figure
// files, the page's shell and font, every file written whole. A report kind supplies what differs: how
// its data is loaded, its statistics and figures, the page's sections, files of its own beside the page.

/** What the page of a report is built from, besides its data: its figures as the page shows them. */
export interface PageContext {
  o: ResolvedReportOptions;
  /** Every figure, inline SVG and links to its files, in figure order. */
  figures: HtmlFigure[];
  /** A path as a link relative to the page. */
  href: (path: string) => string;
  /** Stands in for the font's data: URL until the page's text is known. */
  fontUrl: string;
  /** Interactive mode's scripts, or null. */
  interactive: PageScripts | null;
}

/** A report: how its data is read and drawn. The pipeline (writePage) does everything else. */
export interface ReportKind<D, P extends { figures: Figure[] }> {
  /** The title when none is given. */
  title: string;
  /** Reads what the report draws from `dir` ('load' step). */
  load(dir: string, o: ResolvedReportOptions): Promise<D>;
  /** The job whose folder `dir` is, when the report reads one (`resnet sweep`): `dir` must be a folder before anything else. */
  reads?: string;
  /** Its statistics and figures, in page order ('figures' step). */
  prepare(data: D, o: ResolvedReportOptions): P;
  /** The whole page (html/page.ts' pageHtml around its sections). */
  html(data: D, prepared: P, page: PageContext): string;
  /** Data files written beside the page (`name` -> text), e.g. theory.json. */
  files?: (data: D) => Record<string, string>;
}

/** What a report wrote and how long it took. */
export interface PageResult<P> {
  /** Path of the HTML file, or null when options.html is false. */
  html: string | null;
  /** Paths of the figure files, figure by figure in the formats' order. */
  figures: string[];
  /** Paths of the Vega-Lite specs written beside the figures (<name>.vl.json), one per figure. */
  specs: string[];
  /** Paths of the kind's own data files. */
  files: string[];
  /** Wall-clock seconds for the whole report. */
  seconds: number;
  /** Wall-clock seconds of each step: load (read the data), figures (statistics and specs), render (figure files), html (the page). */
  steps: { load: number; figures: number; render: number; html: number };
  prepared: P;
}

/**
 * Writes a report into `dir`: the figures (default SVG and PNG into <dir>/figures, each with its
 * Vega-Lite spec), the kind's data files and one self-contained HTML page (default <dir>/report.html).
 * Output paths are checked before any data is read; every file is written whole or not at all;
 * options.signal stops it between figures and before the page.
 */
export async function writePage<D, P extends { figures: Figure[] }>(
  kind: ReportKind<D, P>,
  dir: string,
  options: ReportOptions = {},
): Promise<PageResult<P>> {
  const t0 = performance.now();
  const steps = { load: 0, figures: 0, render: 0, html: 0 };
  let t = t0;
  const step = (name: keyof typeof steps) => {
    const now = performance.now();
    steps[name] = (now - t) / 1000;
    t = now;
  };
  // 1. The folder read (a report of /dev/null is about the folder, not about where its page would go), the
  // options (validated once), the output paths, then the data.
  if (kind.reads) await checkSourceFolder(dir, kind.reads);
  const o = resolveReportOptions(dir, { ...options, title: options.title ?? kind.title });
  // The page's font (prebuilt, or HarfBuzz when there is none) is read while the data loads.
  if (o.html !== null) void preloadFontSubset().catch(() => undefined);
  await checkOutputs(o);
  stopIfAborted(o, []);
  const data = await kind.load(dir, o);
  stopIfAborted(o, []);
  step('load');
  // 2. Figures: statistics here, specs pure, one vega view per figure for every format.
  const prepared = kind.prepare(data, o);
  step('figures');
  const figuresDir = o.formats.length ? o.figuresDir : null;
  if (figuresDir) await makeDir(figuresDir, 'figuresDir');
  const rendered = await renderFigures(prepared.figures, {
    dir: figuresDir,
    formats: o.formats,
    scale: o.scale,
    keepSvg: o.html !== null,
    specs: true,
    signal: o.signal,
  });
  const figures = rendered.flatMap((r) => r.files);
  const specs = rendered.flatMap((r) => (r.spec ? [r.spec] : []));
  const files: string[] = [];
  for (const [name, text] of Object.entries(kind.files?.(data) ?? {})) {
    const file = join(dir, name);
    await makeDir(dir, 'html', file);
    await writeAtomic(file, text);
    files.push(file);
  }
  step('render');
  // 3. The page, unless stopped first: the font cut to the glyphs it uses, written whole.
  stopIfAborted(o, [...figures, ...specs]);
  if (o.html !== null) {
    const page = await pageContext(o, o.html, rendered);
    const text = kind.html(data, prepared, page);
    const html = text.replace(page.fontUrl, await subsetFontDataUrl(text));
    stopIfAborted(
      o,
      rendered.flatMap((r) => (r.spec ? [...r.files, r.spec] : r.files)),
    );
    await makeDir(dirname(o.html), 'html', o.html);
    await writeAtomic(o.html, html);
  }
  step('html');
  return { html: o.html, figures, specs, files, seconds: (performance.now() - t0) / 1000, steps, prepared };
}

/** The figures as the page at `html` shows them, its font's stand-in and its scripts. */
async function pageContext(
  o: ResolvedReportOptions,
  html: string,
  rendered: readonly RenderedFigure[],
): Promise<PageContext> {
  const base = dirname(html);
  const href = (path: string) => relativeHref(relative(base, path));
  const figures: HtmlFigure[] = rendered.map((r) => ({
    figure: r.figure,
    svg: scopeSvgIds(r.svg!, `fig-${r.figure.name}`),
    width: r.width,
    files: [...r.files, ...(r.spec ? [r.spec] : [])].map((file) => ({ format: formatLabel(file), href: href(file) })),
  }));
  // Random, so no user text can match it.
  const fontUrl = `font-${randomBytes(8).toString('hex')}`;
  const interactive = o.interactive
    ? {
        scripts: await runtimeScripts(),
        boot: BOOT_SCRIPT,
        specs: Object.fromEntries(rendered.map((r) => [r.figure.name, interactiveSpec(r.figure.spec)])),
      }
    : null;
  return { o, figures, href, fontUrl, interactive };
}

/** Link label of a figure file: its format, or "Vega-Lite" for the spec. */
function formatLabel(file: string): string {
  return file.endsWith('.vl.json') ? 'Vega-Lite' : extname(file).slice(1).toUpperCase();
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

/** Fails at once, naming `dir`, unless it is a folder (the report reads a folder written by `resnet <job>`). */
async function checkSourceFolder(dir: string, job: string): Promise<void> {
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir)
    throw new ReportError(
      `${resolve(dir)} is not a folder. Pass the output folder of \`resnet ${job}\` (or \`resnet merge\`).`,
      resolve(dir),
    );
}

function stopIfAborted(o: ResolvedReportOptions, written: readonly string[]): void {
  if (o.signal?.aborted) throw new ReportInterruptedError(written);
}
