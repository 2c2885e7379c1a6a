import { basename } from 'node:path';
import { depthList, plural } from './format.js';
import { renderHtml } from './html/renderHtml.js';
import { gridItems, summaryTable, type Item } from './html/sections.js';
import { notebookReplay } from './notebookReplay.js';
import type { ReportOptions, ResolvedReportOptions } from './options.js';
import { DEFAULT_TITLE } from './options.js';
import { computedWith, provenance } from './page/provenance.js';
import { writePage, type ReportKind } from './page/writePage.js';
import type { Figure } from './specs/common.js';
import { figureNumber } from './specs/figureRefs.js';
import { DEPTH_WORDS, figuresOfStats } from './sweepFigures.js';
import { readSweepHead, type SweepHead } from './sweep/loadSweep.js';
import { streamedFiles, streamSweepStats } from './sweep/streamSweepStats.js';
import type { SweepManifest } from './sweep/types.js';
import type { SweepStats } from './sweepStats.js';
import { variantFigures } from './variants/variantFigures.js';
import { VariantSums } from './variants/variantSums.js';
import { formatVariantTable } from './variants/variantTable.js';
import { variantTheory, type VariantTheory, type VariantTheoryRow } from '@resnet/core';
import { curvePalette } from './palette.js';
import { curvesOfGroups } from './variantFigure.js';
import { VARIANTS_STYLE, variantsTableHtml } from './variants/variantsHtml.js';

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

/** A sweep folder as the report reads it: its small files, its statistics streamed, and (a grid with axes) the per-variant theory sums. */
interface SweepPage {
  head: SweepHead;
  cells: { file: string; format: 'parquet' | 'jsonl' };
  stats: SweepStats;
  sums: VariantSums | null;
}

/** The sweep report's statistics and figures: the sweep's, then (a grid with axes) the variants section's. */
interface SweepFigures {
  figures: Figure[];
  main: number;
  theory: VariantTheory | null;
}

/** The gradient sweep's report on the page pipeline. */
const SWEEP_REPORT: ReportKind<SweepPage, SweepFigures> = {
  title: DEFAULT_TITLE,
  reads: 'sweep',
  load: async (dir, o) => {
    // The cells file and cellstats.f64 are checked (size, crc32) by their readers on the bytes they stream.
    const head = await readSweepHead(dir, o.depth, streamedFiles);
    // A grid with axes: every cell's arrays feed the per-variant theory sums as they stream by.
    const sums = head.manifest.grid.axes ? new VariantSums(head.manifest.grid.seeds.start) : null;
    const { stats, file, format } = await streamSweepStats(head.root, head.manifest, head.paths.manifest, {
      depth: o.depth,
      ...(sums ? { visit: (c, variant, gridDepth) => sums.add(c, variant, gridDepth) } : {}),
    });
    return { head, cells: { file, format }, stats, sums };
  },
  prepare: ({ head, stats, sums }) => {
    // One colour per (arch, variant) in every figure of the report.
    const palette = curvePalette(curvesOfGroups(stats.groups));
    const main = figuresOfStats(stats, { replay: notebookReplay(), palette });
    const theory = sums ? variantTheory([...sums.groups.values()]) : null;
    const depthWords = DEPTH_WORDS[head.manifest.grid.axes?.depthUnit ?? 'native'];
    const extra = theory ? variantFigures(head.summary, theory, depthWords, palette) : [];
    return { figures: [...main, ...extra], main: main.length, theory };
  },
  html: (data, { figures, main, theory }, page) => {
    const { head, stats } = data;
    const files = { cells: data.cells.file, summary: head.paths.summary, manifest: head.paths.manifest };
    return renderHtml({
      title: page.o.title,
      lede: lede(head.manifest, stats.cellCount),
      figures: page.figures.slice(0, main),
      variants: theory
        ? { figures: page.figures.slice(main), table: variantsTableHtml(theory), style: VARIANTS_STYLE }
        : null,
      dataLinks: Object.values(files).map((path) => ({ label: basename(path), href: page.href(path) })),
      summaryTable: summaryTable(head.summary),
      grid: gridItems(head.manifest, stats.cellCount),
      options: optionItems(page.o, stats.profile.depth, figures),
      provenance: provenanceItems(head, page.o),
      fontUrl: page.fontUrl,
      interactive: page.interactive,
    });
  },
};

/**
 * Reads a sweep folder and writes its figures (default SVG and PNG into <dir>/figures, each with its
 * Vega-Lite spec as <name>.vl.json) and one self-contained HTML report (default <dir>/report.html), on
 * the page pipeline (page/writePage.ts). Every file is written whole or not at all; options.signal
 * stops it between figures.
 */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const r = await writePage(SWEEP_REPORT, dir, options);
  const { theory } = r.prepared;
  const variants = theory
    ? { variants: { rows: theory.rows, notes: theory.notes, table: formatVariantTable(theory) } }
    : {};
  return { html: r.html, figures: r.figures, specs: r.specs, ...variants, seconds: r.seconds, steps: r.steps };
}

function lede(manifest: SweepManifest, cellCount: number): string {
  const g = manifest.grid;
  return (
    `Gradient flow measured over ${plural(cellCount, 'cell')}: ${g.archs.join(' and ')} networks at depths ${depthList(g.depths)}, ` +
    `${plural(g.seeds.count, 'seed')} each (one random network and input per seed). Every band and quantile below is over seeds.`
  );
}

function optionItems(o: ResolvedReportOptions, depth: number, figures: readonly Figure[]): Item[] {
  const profiles = ['grad-profile', 'act-profile'].map((name) => figureNumber(figures, name)).join(' and ');
  return [
    { label: 'Profile depth', value: `${depth} (figures ${profiles})` },
    { label: 'Figure files', value: o.formats.length ? o.formats.join(', ') : 'none (figures only inline)' },
    { label: 'PNG resolution', value: pngResolution(o) },
    { label: 'Interactive', value: o.interactive ? 'yes (vega runtime inlined)' : 'no (static SVG)' },
  ];
}

function provenanceItems(head: SweepHead, o: ResolvedReportOptions): Item[] {
  const m = head.manifest;
  const run = m.run ?? {};
  const when = [
    run.startedAt && `started ${String(run.startedAt)}`,
    run.completedAt && `completed ${String(run.completedAt)}`,
  ]
    .filter(Boolean)
    .join(', ');
  return provenance({
    command: { label: 'Report command', value: o.command },
    job: { label: 'Sweep command', command: m.command },
    configHash: m.configHash,
    folder: { label: 'Sweep folder', path: head.dir },
    computed: computedWith(m.versions),
    ran: when ? { label: 'Sweep ran', value: when } : null,
    notes: [
      {
        label: 'Statistics',
        value:
          'quantiles by linear interpolation (numpy’s default) over finite values, from @resnet/core summaryStats; nothing is resampled',
      },
    ],
  });
}

/** What the PNG files on disk are: their ppi (as their pHYs chunk says) and scale, or that none are written. */
export function pngResolution(o: Pick<ResolvedReportOptions, 'formats' | 'ppi' | 'scale'>): string {
  if (!o.formats.includes('png')) return 'no PNG files written';
  const ppi = Math.round(72 * o.scale);
  return `${ppi} ppi (${o.ppi !== null ? 'as asked' : 'the default'}; ${Number(o.scale.toFixed(3))} px per figure pt)`;
}
