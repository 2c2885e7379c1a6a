import type { Figure } from '../specs/common.js';
import { escapeHtml, link } from './escape.js';

/** A figure as the page shows it: its SVG, its size and links to its files. */
export interface HtmlFigure {
  figure: Figure;
  svg: string;
  /** Natural width in px; the page shows it at up to twice that. */
  width: number;
  /** Relative links to the figure's files, by format. */
  files: { format: string; href: string }[];
}

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
