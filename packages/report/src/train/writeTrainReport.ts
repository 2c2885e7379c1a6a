import { dataText } from './trainContent.js';
import { randomBytes } from 'node:crypto';
import { basename, dirname, extname, relative } from 'node:path';
import type { TrainManifest } from '@resnet/sweep/train';
import { ReportInterruptedError } from '../errors.js';
import { plural } from '../format.js';
import { relativeHref, scopeSvgIds } from '../html/escape.js';
import { preloadFontSubset, subsetFontDataUrl } from '../html/fontSubset.js';
import type { HtmlFigure } from '../html/renderHtml.js';
import { BOOT_SCRIPT, interactiveSpec, runtimeScripts } from '../html/runtime.js';
import type { Item } from '../html/sections.js';
import { resolveReportOptions, type ReportOptions } from '../options.js';
import { makeDir, writeAtomic } from '../outputs.js';
import { reportVersions } from '../versions.js';
import type { ReportResult } from '../writeReport.js';
import { renderFigures } from '../writeFigures.js';
import { loadTrain, type TrainData } from './loadTrain.js';
import { trainHtmlTitle } from './title.js';
import { renderTrainHtml } from './trainHtml.js';
import { trainFigures } from './trainFigures.js';

/**
 * Reads a training folder (`resnet-train/1`) and writes its figures (default SVG and PNG into
 * <dir>/figures, each with its Vega-Lite spec) and one self-contained HTML report (default
 * <dir>/report.html): error curves against epoch, final train error against depth, and a table.
 */
export async function writeTrainReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const t0 = performance.now();
  const steps = { load: 0, figures: 0, render: 0, html: 0 };
  let t = t0;
  const step = (name: keyof typeof steps) => {
    const now = performance.now();
    steps[name] = (now - t) / 1000;
    t = now;
  };
  const o = resolveReportOptions(dir, { ...options, title: options.title ?? trainHtmlTitle });
  if (o.html !== null) void preloadFontSubset().catch(() => undefined);
  const data = await loadTrain(dir);
  step('load');
  const figures = trainFigures(data.runs, data.summary);
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
  if (o.signal?.aborted) throw new ReportInterruptedError([...files, ...specs]);
  if (o.html !== null) {
    const html = o.html;
    const base = dirname(html);
    const href = (path: string) => relativeHref(relative(base, path));
    const htmlFigures: HtmlFigure[] = rendered.map((r) => ({
      figure: r.figure,
      svg: scopeSvgIds(r.svg!, `fig-${r.figure.name}`),
      width: r.width,
      files: [...r.files, ...(r.spec ? [r.spec] : [])].map((file) => ({
        format: file.endsWith('.vl.json') ? 'Vega-Lite' : extname(file).slice(1).toUpperCase(),
        href: href(file),
      })),
    }));
    const FONT = `font-${randomBytes(8).toString('hex')}`;
    const page = renderTrainHtml({
      title: o.title,
      lede: lede(data),
      figures: htmlFigures,
      dataLinks: Object.values(data.files).map((path) => ({ label: basename(path), href: href(path) })),
      summary: data.summary,
      grid: gridItems(data.manifest, data.runs.length),
      provenance: provenanceItems(data, o.command),
      fontUrl: FONT,
      interactive: o.interactive
        ? {
            scripts: await runtimeScripts(),
            boot: BOOT_SCRIPT,
            specs: Object.fromEntries(rendered.map((r) => [r.figure.name, interactiveSpec(r.figure.spec)])),
          }
        : null,
    });
    const text = page.replace(FONT, await subsetFontDataUrl(page));
    if (o.signal?.aborted) throw new ReportInterruptedError([...files, ...specs]);
    await makeDir(base, 'html', html);
    await writeAtomic(html, text);
  }
  step('html');
  return { html: o.html, figures: files, specs, seconds: (performance.now() - t0) / 1000, steps };
}

function lede(data: TrainData): string {
  const m = data.manifest;
  const opt = m.options;
  return (
    `${plural(data.runs.length, 'training run')}: ${m.grid.archs.join(' and ')} nets of ${m.grid.depths.join(', ')} weight layers, ` +
    `${plural(m.grid.seeds.count, 'seed')} each, ${plural(Number(opt['epochs']), 'epoch')} on ${dataText(m.data)}. ` +
    'Every line is the median over seeds and every band the range.'
  );
}

function gridItems(m: TrainManifest, runs: number): Item[] {
  const o = m.options;
  const items: Item[] = [
    { label: 'Architectures', value: m.grid.archs.join(', ') },
    {
      label: 'Depths',
      value: `${m.grid.depths.join(', ')} weight layers (residual: two per block plus the first and last)`,
    },
    { label: 'Seeds', value: `${m.grid.seeds.start} – ${m.grid.seeds.start + m.grid.seeds.count - 1}` },
    { label: 'Runs', value: String(runs) },
    {
      label: 'Data',
      value: `${dataText(m.data)}; ${m.data.features} features, ${m.data.classes} classes (data ${m.data.name}, crc32 ${m.data.crc32})`,
    },
    {
      label: 'Training',
      value:
        `width ${o['width']}, BatchNorm ${o['batchNorm'] ? 'on' : 'off'}, branch scale ${o['branchScale']}, ${o['optimizer']} lr ${o['lr']} (${o['schedule']}), ` +
        `momentum ${o['momentum']}, weight decay ${o['weightDecay']}, batch ${o['batchSize']}, ${o['epochs']} epochs`,
    },
  ];
  if (m.shard)
    items.push({
      label: 'Shard',
      value: `Shard ${m.shard.index} of ${m.shard.count} (this folder holds part of the grid)`,
    });
  return items;
}

function provenanceItems(data: TrainData, command: string | null): Item[] {
  const m = data.manifest;
  const items: Item[] = [];
  if (command) items.push({ label: 'Report command', value: command, code: true });
  if (m.command) items.push({ label: 'Train command', value: m.command, code: true });
  items.push({ label: 'Config hash', value: m.configHash, code: true });
  items.push({ label: 'Training folder', value: data.dir, code: true });
  items.push({
    label: 'Computed with',
    value: Object.entries(m.versions)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  items.push({
    label: 'Drawn with',
    value: Object.entries(reportVersions())
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  });
  const run = m.run ?? {};
  const ran = Object.entries(run).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
  if (ran.length) items.push({ label: 'Run', value: ran.map(([k, v]) => `${k} ${String(v)}`).join(', ') });
  items.push({ label: 'Report written', value: new Date().toISOString() });
  return items;
}
