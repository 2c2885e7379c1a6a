import { pageHtml, type PageScripts } from './page.js';
import type { Figure } from '../specs/common.js';
import { escapeHtml } from './escape.js';
import { definitionList, type Item } from './sections.js';

/** A figure as the page shows it: its SVG, its size and links to its files. */
export interface HtmlFigure {
  figure: Figure;
  svg: string;
  /** Natural width in px; the page shows it at up to twice that. */
  width: number;
  /** Relative links to the figure's files, by format. */
  files: { format: string; href: string }[];
}

/** Everything the page shows; all text in it is escaped by renderHtml. */
export interface HtmlInput {
  title: string;
  /** One sentence on what the page is about (text). */
  lede: string;
  figures: HtmlFigure[];
  /** Relative links to the sweep's data files. */
  dataLinks: { label: string; href: string }[];
  /** Summary table markup (already escaped, from summaryTable()). */
  summaryTable: string;
  grid: Item[];
  options: Item[];
  provenance: Item[];
  fontUrl: string;
  /** A sweep over variant axes: the Variants section's figures (numbered after the others) and its agreement table markup; null otherwise. */
  variants?: { figures: HtmlFigure[]; table: string; style: string } | null;
  /** Interactive mode: runtime script bodies (already made safe) and the specs to embed by figure name. */
  interactive: PageScripts | null;
}

const link = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;

/** One figure of the page: its inline SVG, its caption and links to its files. */
export function figureHtml(f: HtmlFigure, index: number): string {
  const files = f.files.length
    ? `<span class="files">Files: ${f.files.map((x) => link(x.href, x.format)).join(' · ')}</span>`
    : '';
  return `<figure id="fig-${escapeHtml(f.figure.name)}" class="report-figure" data-name="${escapeHtml(f.figure.name)}">
<div class="vis" id="vis-${escapeHtml(f.figure.name)}" style="max-width: ${Math.round(2 * f.width)}px">${f.svg}</div>
<figcaption><strong>Figure ${index + 1}. ${escapeHtml(f.figure.title)}.</strong> ${escapeHtml(f.figure.caption)}${files}</figcaption>
</figure>`;
}

function variantsSection(v: NonNullable<HtmlInput['variants']>, before: number): string {
  return `<section id="variants">
<h2>Variants</h2>
<p>Each variant’s measurements held against the theory of core/theory that applies to it, computed from this sweep’s own cells with core/theory’s rules (jackknife CIs over 20 seed groups, rules fixed in advance, nothing fitted).</p>
${v.figures.map((f, i) => figureHtml(f, before + i)).join('\n')}
<h3>Agreement table</h3>
${v.table}
</section>
`;
}

/**
 * The report as one self-contained HTML file: inline SVG figures, inline font and styles, no URL
 * that leaves the file (a CSP forbids any request), every piece of text escaped.
 */
export function renderHtml(input: HtmlInput): string {
  return pageHtml({
    title: input.title,
    fontUrl: input.fontUrl,
    style: input.variants ? input.variants.style : '',
    interactive: input.interactive,
    body: `<p class="lede">${escapeHtml(input.lede)}</p>
<p class="files">Data beside this page: ${input.dataLinks.map((d) => link(d.href, d.label)).join(' · ')}</p>
<section id="figures">
<h2>Figures</h2>
${input.figures.map(figureHtml).join('\n')}
</section>
${input.variants ? variantsSection(input.variants, input.figures.length) : ''}<section id="summary">
<h2>Summary per architecture and depth</h2>
<p>From summary.csv: statistics over each group’s finite values (quantiles by linear interpolation, as numpy); ratio = gradNorms[0] / gradNorms[last].</p>
<div class="table-wrap">${input.summaryTable}</div>
</section>
<section id="grid">
<h2>Grid and options</h2>
${definitionList(input.grid)}
${definitionList(input.options)}
</section>
<section id="provenance">
<h2>Provenance</h2>
${definitionList(input.provenance)}
</section>
`,
  });
}
