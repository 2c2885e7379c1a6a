import { pageHtml, type PageScripts } from './page.js';
import { figureHtml, type HtmlFigure } from './figureHtml.js';
import { definitionList, opening, section, type Item } from './sections.js';

export { figureHtml, type HtmlFigure } from './figureHtml.js';

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

function variantsSection(v: NonNullable<HtmlInput['variants']>, before: number): string {
  return section(
    'variants',
    'Variants',
    `<p>Each variant’s measurements held against the theory of core/theory that applies to it, computed from this sweep’s own cells with core/theory’s rules (jackknife CIs over 20 seed groups, rules fixed in advance, nothing fitted).</p>
${v.figures.map((f, i) => figureHtml(f, before + i)).join('\n')}
<h3>Agreement table</h3>
${v.table}`,
  );
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
    body:
      opening(input.lede, input.dataLinks, input.figures) +
      (input.variants ? variantsSection(input.variants, input.figures.length) : '') +
      section(
        'summary',
        'Summary per architecture and depth',
        `<p>From summary.csv: statistics over each group’s finite values (quantiles by linear interpolation, as numpy); ratio = gradNorms[0] / gradNorms[last].</p>
<div class="table-wrap">${input.summaryTable}</div>`,
      ) +
      section('grid', 'Grid and options', `${definitionList(input.grid)}\n${definitionList(input.options)}`) +
      section('provenance', 'Provenance', definitionList(input.provenance)),
  });
}
