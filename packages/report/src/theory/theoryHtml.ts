import { pageHtml } from '../html/page.js';
import { THEORY_COLUMNS, theoryCells, type TheoryRow } from '@resnet/core';
import { escapeHtml } from '../html/escape.js';
import type { HtmlFigure } from '../html/renderHtml.js';
import { definitionList, type Item } from '../html/sections.js';

/** Everything theory.html shows; all text in it is escaped here. */
export interface TheoryHtmlInput {
  title: string;
  lede: string;
  rows: readonly TheoryRow[];
  figures: readonly HtmlFigure[];
  settings: Item[];
  provenance: Item[];
  fontUrl: string;
}

const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** The agreement table: one row per check, verdict, then the rule and the numbers behind it. */
export function theoryTableHtml(rows: readonly TheoryRow[]): string {
  const head = [...THEORY_COLUMNS.map((c) => c.head), 'rule and numbers']
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join('');
  const body = rows
    .map((r) => {
      const c = theoryCells(r);
      const cls = r.agreement === 'agrees' ? 'agrees' : 'fails';
      return `<tr class="${cls}"><th scope="row">${escapeHtml(c.id)}</th><td class="claim">${escapeHtml(c.claim)}<br><small>${escapeHtml(r.quantity)}</small></td><td>${escapeHtml(c.predicted)}</td><td>${escapeHtml(c.measured)}</td><td class="verdict">${escapeHtml(c.verdict)}</td><td class="detail"><small>${escapeHtml(r.rule)}. ${escapeHtml(r.detail)}</small></td></tr>`;
    })
    .join('\n');
  return `<table class="summary theory"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function figureHtml(f: HtmlFigure, index: number): string {
  const name = escapeHtml(f.figure.name);
  const files = f.files.length
    ? `<span class="files">Files: ${f.files.map((x) => link(x.href, x.format)).join(' · ')}</span>`
    : '';
  return `<figure id="fig-${name}" class="report-figure" data-name="${name}">
<div class="vis" style="max-width: ${Math.round(2 * f.width)}px">${f.svg}</div>
<figcaption><strong>Figure ${index + 1}. ${escapeHtml(f.figure.title)}.</strong> ${escapeHtml(f.figure.caption)}${files}</figcaption>
</figure>`;
}

const EXTRA_STYLE = `table.theory td.claim, table.theory td.detail { text-align: left; white-space: normal; min-width: 16em; }
table.theory tr.fails td.verdict { color: #b00020; }
table.theory tr.agrees td.verdict { color: #1b6e20; }`;

/** theory.html: self-contained (inline SVG figures, inline font and styles, no request leaves the file). */
export function renderTheoryHtml(input: TheoryHtmlInput): string {
  return pageHtml({
    title: input.title,
    fontUrl: input.fontUrl,
    style: EXTRA_STYLE,
    body: `<p class="lede">${escapeHtml(input.lede)}</p>
<section id="agreement">
<h2>Agreement table</h2>
<div class="table-wrap">${theoryTableHtml(input.rows)}</div>
</section>
<section id="figures">
<h2>Figures</h2>
${input.figures.map(figureHtml).join('\n')}
</section>
<section id="settings">
<h2>Settings</h2>
${definitionList(input.settings)}
</section>
<section id="provenance">
<h2>Provenance</h2>
${definitionList(input.provenance)}
</section>
`,
  });
}
