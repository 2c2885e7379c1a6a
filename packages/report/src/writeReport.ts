import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, relative } from 'node:path';
import { replayNotebook } from '@resnet/core';
import { depthList, plural } from './format.js';
import { relativeHref, scopeSvgIds } from './html/escape.js';
import { renderHtml, type HtmlFigure } from './html/renderHtml.js';
import { BOOT_SCRIPT, fontDataUrl, interactiveSpec, runtimeScripts } from './html/runtime.js';
import { gridItems, summaryTable, type Item } from './html/sections.js';
import { resolveReportOptions, type ReportOptions, type ResolvedReportOptions } from './options.js';
import { sweepFigures, profileDepth } from './sweepFigures.js';
import { loadSweep } from './sweep/loadSweep.js';
import type { SweepData } from './sweep/types.js';
import { reportVersions } from './versions.js';
import { renderFigure } from './writeFigures.js';

/** What writeReport wrote and how long it took. */
export interface ReportResult {
  /** Path of the HTML file, or null when options.html is false. */
  html: string | null;
  /** Paths of the figure files, figure by figure in the formats' order. */
  figures: string[];
  /** Wall-clock seconds for the whole report. */
  seconds: number;
}

/**
 * Reads a sweep folder and writes its figures (default SVG and PNG into <dir>/figures) and one
 * self-contained HTML report (default <dir>/report.html).
 */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const t0 = performance.now();
  // 1. Options (validated once), then the data.
  const o = resolveReportOptions(dir, options);
  const data = await loadSweep(dir, { depth: o.depth });
  const depth = profileDepth(data.cells, o.depth);
  // 2. Figures: statistics here, specs pure, one vega view per figure for every format.
  const figures = sweepFigures(data.cells, { depth, replay: replayNotebook() });
  if (o.formats.length) await mkdir(o.figuresDir, { recursive: true });
  const rendered = [];
  for (const f of figures) rendered.push({ figure: f, ...(await renderFigure(f, o.formats.length ? o.figuresDir : null, o.formats, o.scale, o.html !== null)) });
  const files = rendered.flatMap((r) => r.files);
  // 3. The page.
  if (o.html !== null) {
    const base = dirname(o.html);
    const href = (path: string) => relativeHref(relative(base, path));
    const htmlFigures: HtmlFigure[] = rendered.map((r) => ({
      figure: r.figure,
      svg: scopeSvgIds(r.svg!, `fig-${r.figure.name}`),
      width: r.width,
      files: r.files.map((file) => ({ format: extname(file).slice(1), href: href(file) })),
    }));
    const html = renderHtml({
      title: o.title,
      lede: lede(data),
      figures: htmlFigures,
      dataLinks: Object.values(data.files).map((path) => ({ label: basename(path), href: href(path) })),
      summaryTable: summaryTable(data.summary),
      grid: gridItems(data.manifest, data.cells.length),
      options: optionItems(o, depth),
      provenance: provenanceItems(data, o),
      fontUrl: await fontDataUrl(),
      interactive: o.interactive
        ? { scripts: await runtimeScripts(), boot: BOOT_SCRIPT, specs: Object.fromEntries(figures.map((f) => [f.name, interactiveSpec(f.spec)])) }
        : null,
    });
    await mkdir(base, { recursive: true });
    await writeFile(o.html, html);
  }
  return { html: o.html, figures: files, seconds: (performance.now() - t0) / 1000 };
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
    { label: 'PNG resolution', value: o.ppi !== null ? `${o.ppi} ppi` : `scale ${o.scale} (${Math.round(72 * o.scale)} ppi at the figures’ size)` },
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
  const sweepVersions = Object.entries(m.versions).map(([k, v]) => `${k} ${v}`).join(', ');
  if (sweepVersions) items.push({ label: 'Computed with', value: sweepVersions });
  items.push({ label: 'Drawn with', value: Object.entries(reportVersions()).map(([k, v]) => `${k} ${v}`).join(', ') });
  const run = m.run ?? {};
  const when = [run.startedAt && `started ${String(run.startedAt)}`, run.completedAt && `completed ${String(run.completedAt)}`].filter(Boolean).join(', ');
  if (when) items.push({ label: 'Sweep ran', value: when });
  items.push({ label: 'Report written', value: new Date().toISOString() });
  items.push({ label: 'Statistics', value: 'quantiles by linear interpolation (numpy’s default) over finite values, from @resnet/core summaryStats; nothing is resampled' });
  return items;
}
