import { checkHeading, THEORY_COLUMNS, THEORY_SYMBOLS, type TheoryRow, theoryCells } from '@resnet/core';
import { escapeHtml } from '../html/escape.js';
import { pageHtml } from '../html/page.js';
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

/** Styles of the agreement tables (theory.html and a sweep report's Variants section). */
export const THEORY_TABLE_STYLE = `table.theory td.setting, table.theory td.detail, table.theory th.check { text-align: left; white-space: normal; }
table.theory td.setting { min-width: 10em; }
table.theory thead th.text { text-align: left; }
table.theory td.detail { min-width: 18em; }
table.theory th.check { font-weight: normal; background: #f4f4f4; }
table.theory tr.fails td.verdict { color: #b00020; }
table.theory tr.agrees td.verdict { color: #1b6e20; }
table.theory tr.inconclusive td.verdict { color: #8a5a00; }
p.symbols { font-size: 0.85em; }`;

/**
 * The agreement table: per check a heading row (id, law, what is measured, tolerance and alternative), then one row
 * per setting with its verdict, the reason, the note and the numbers behind it; the symbols defined once below.
 */
export function theoryTableHtml(rows: readonly TheoryRow[]): string {
  const head = [...THEORY_COLUMNS.map((c) => c.head), 'reason and numbers']
    .map(
      (h, i) => `<th scope="col"${i === 1 || i === THEORY_COLUMNS.length ? ' class="text"' : ''}>${escapeHtml(h)}</th>`,
    )
    .join('');
  const body: string[] = [];
  let id = '';
  for (const r of rows) {
    if (r.id !== id) {
      id = r.id;
      const [law, measured, tolerance] = checkHeading(id);
      body.push(
        `<tr class="check"><th class="check" colspan="${THEORY_COLUMNS.length + 1}" scope="rowgroup"><strong>${escapeHtml(id)}</strong> ${escapeHtml(law!)}<br><small>${escapeHtml(measured!)}. ${escapeHtml(tolerance!)}.</small></th></tr>`,
      );
    }
    const c = theoryCells(r);
    const note = r.note ? `<br>Note: ${escapeHtml(r.note)}.` : '';
    body.push(
      `<tr class="${r.verdict}"><th scope="row">${escapeHtml(c.id)}</th><td class="setting">${escapeHtml(c.setting)}</td><td>${escapeHtml(c.predicted)}</td><td>${escapeHtml(c.measured)}</td><td>${escapeHtml(c.seeds)}</td><td class="verdict">${escapeHtml(c.verdict)}</td><td class="detail"><small>${escapeHtml(capital(r.reason))}.${note}<br>${escapeHtml(r.detail)}</small></td></tr>`,
    );
  }
  return `<table class="summary theory"><thead><tr>${head}</tr></thead><tbody>\n${body.join('\n')}\n</tbody></table>
<p class="symbols">${escapeHtml(THEORY_SYMBOLS)}</p>`;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

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

/** theory.html: self-contained (inline SVG figures, inline font and styles, no request leaves the file). */
export function renderTheoryHtml(input: TheoryHtmlInput): string {
  return pageHtml({
    title: input.title,
    fontUrl: input.fontUrl,
    style: THEORY_TABLE_STYLE,
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
