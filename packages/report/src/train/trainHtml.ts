import { pageHtml, type PageScripts } from '../html/page.js';
import type { TrainSummaryRow } from '@resnet/sweep/train';
import { escapeHtml } from '../html/escape.js';
import type { HtmlFigure } from '../html/renderHtml.js';
import { definitionList, opening, section, type Item } from '../html/sections.js';
import { fmt } from '../format.js';

/** Everything the training page shows; all text in it is escaped here. */
export interface TrainHtmlInput {
  title: string;
  lede: string;
  figures: HtmlFigure[];
  dataLinks: { label: string; href: string }[];
  summary: readonly TrainSummaryRow[];
  grid: Item[];
  provenance: Item[];
  fontUrl: string;
  interactive: PageScripts | null;
}

const pct = (v: number) => (Number.isFinite(v) ? `${fmt(v * 100)} %` : 'n/a');
const range = (s: { median: number; min: number; max: number }) => `${pct(s.median)} [${pct(s.min)} – ${pct(s.max)}]`;

/** The summary table of a training folder: one row per (arch, depth), final values over seeds. */
export function trainSummaryTable(rows: readonly TrainSummaryRow[]): string {
  const heads = [
    'arch',
    'weight layers',
    'runs',
    'diverged',
    'train error: median [min – max]',
    'test error: median [min – max]',
    'train loss median',
  ];
  const head = heads.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => {
      const cells = [
        String(r.depth),
        String(r.count),
        String(r.nonFinite),
        range(r.trainError),
        range(r.testError),
        fmt(r.trainLoss.median),
      ];
      return `<tr class="arch-${escapeHtml(r.arch)}"><th scope="row">${escapeHtml(r.arch)}</th>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<table class="summary"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The training report as one self-contained HTML file (inline SVG, font and styles; a CSP forbids any request). */
export function renderTrainHtml(input: TrainHtmlInput): string {
  return pageHtml({
    title: input.title,
    fontUrl: input.fontUrl,
    interactive: input.interactive,
    body:
      opening(input.lede, input.dataLinks, input.figures) +
      section(
        'summary',
        'Final errors per architecture and depth',
        `<p>From summary.csv: the last epoch’s train error (train mode, during the epoch), the test error after it (eval mode) and the train loss; median and range over seeds. Diverged: runs whose loss became NaN or infinite.</p>
<div class="table-wrap">${trainSummaryTable(input.summary)}</div>`,
      ) +
      section('grid', 'Grid and options', definitionList(input.grid)) +
      section('provenance', 'Provenance', definitionList(input.provenance)),
  });
}
