import { variantLabel } from '@resnet/sweep/folder';
import { depthList, fmt, thousands } from '../format.js';
import type { SummaryTable, SweepManifest } from '../sweep/types.js';
import { escapeHtml, link } from './escape.js';
import { figureHtml, type HtmlFigure } from './figureHtml.js';

/** A label and a value for a definition list; the value is text (escaped here) unless `html` is set. */
export interface Item {
  label: string;
  value: string;
  html?: boolean;
  code?: boolean;
}

/** A page section: its id, its heading (markup) and its content (markup), each on its own lines. */
export function section(id: string, heading: string, content: string): string {
  return `<section id="${id}">\n<h2>${heading}</h2>\n${content}\n</section>\n`;
}

/** A report page's opening: the lede, links to the data files beside the page, then the figures section. */
export function opening(
  lede: string,
  dataLinks: readonly { label: string; href: string }[],
  figures: readonly HtmlFigure[],
): string {
  const links = dataLinks.map((d) => link(d.href, d.label)).join(' · ');
  return (
    `<p class="lede">${escapeHtml(lede)}</p>\n<p class="files">Data beside this page: ${links}</p>\n` +
    section('figures', 'Figures', figures.map(figureHtml).join('\n'))
  );
}

/** A `<dl>` of items, every text escaped. */
export function definitionList(items: readonly Item[]): string {
  const dd = (i: Item) => (i.html ? i.value : i.code ? `<code>${escapeHtml(i.value)}</code>` : escapeHtml(i.value));
  return `<dl>${items.map((i) => `<dt>${escapeHtml(i.label)}</dt><dd>${dd(i)}</dd>`).join('')}</dl>`;
}

const COLUMNS: readonly { head: string; cell: (v: Record<string, number>) => string }[] = [
  { head: 'ratio median', cell: (v) => fmt(v.ratio_median ?? NaN) },
  { head: 'ratio 5–95 %', cell: (v) => `${fmt(v.ratio_p5 ?? NaN)} – ${fmt(v.ratio_p95 ?? NaN)}` },
  { head: 'first ‖dW‖ median', cell: (v) => fmt(v.first_grad_median ?? NaN) },
  { head: 'last ‖dW‖ median', cell: (v) => fmt(v.last_grad_median ?? NaN) },
  { head: 'last activation median', cell: (v) => fmt(v.last_act_median ?? NaN) },
];

/** The summary table, one row per (arch, depth) of summary.csv. */
export function summaryTable(summary: SummaryTable): string {
  const variants = summary.rows.some((r) => r.axes);
  const head = ['arch', ...(variants ? ['variant'] : []), 'depth', 'cells', 'non-finite', ...COLUMNS.map((c) => c.head)]
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('');
  const rows = summary.rows
    .map((r) => {
      const variant = variants ? [variantLabel(r.axes ?? {})] : [];
      const cells = [
        ...variant,
        String(r.depth),
        String(r.count),
        String(r.nonfinite),
        ...COLUMNS.map((c) => c.cell(r.values)),
      ];
      const td = (c: string, i: number) => `<td${variants && i === 0 ? ' class="variant"' : ''}>${escapeHtml(c)}</td>`;
      return `<tr class="arch-${escapeHtml(r.arch)}"><th scope="row">${escapeHtml(r.arch)}</th>${cells.map(td).join('')}</tr>`;
    })
    .join('\n');
  return `<table class="summary"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

const DEPTH_WORDS = {
  native: 'plain: weight layers; residual: blocks, 2·depth + 2 weight layers',
  layers: 'weight layers for both nets: a residual net of depth L has (L − 2)/2 blocks',
  blocks: 'residual blocks for both nets: a plain net of depth B has 2·B + 2 weight layers',
} as const;

/** The sweep grid as items. */
export function gridItems(m: SweepManifest, cells: number): Item[] {
  const g = m.grid;
  const items: Item[] = [
    { label: 'Architectures', value: g.archs.join(', ') },
    { label: 'Depths', value: `${depthList(g.depths)} (${DEPTH_WORDS[g.axes?.depthUnit ?? 'native']})` },
    { label: 'Seeds', value: `${g.seeds.start} – ${g.seeds.start + g.seeds.count - 1} (${g.seeds.count} per depth)` },
  ];
  if (g.width !== null) items.push({ label: 'Width', value: String(g.width) });
  if (g.inputSize !== null) items.push({ label: 'Input size', value: String(g.inputSize) });
  if (g.axes) {
    const axes = Object.entries(g.axes).map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    items.push({ label: 'Variant axes', value: `${axes.join('; ')} (every combination is swept)` });
  }
  items.push({ label: 'Cells', value: thousands(cells) });
  // manifest.shard.index is 1-based (shard 1 of 3 is the first).
  if (m.shard)
    items.push({
      label: 'Shard',
      value: `Shard ${m.shard.index} of ${m.shard.count} (this folder holds part of the grid)`,
    });
  if (m.run) {
    const run = Object.entries(m.run).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v));
    if (run.length) items.push({ label: 'Run', value: run.map(([k, v]) => `${k} ${String(v)}`).join(', ') });
  }
  return items;
}
