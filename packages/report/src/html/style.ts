import { FONT_ALIAS, FONT_FAMILY } from '../font.js';
import { ARCH_COLORS } from '../theme.js';

/** The page's stylesheet: the shipped font from a data: URL, readable measure, figures scaled up for screens. */
export function stylesheet(fontUrl: string): string {
  return `@font-face { font-family: ${FONT_ALIAS}; src: url(${fontUrl}) format("truetype"); font-weight: 400; font-style: normal; }
:root { color-scheme: light; }
body { font-family: ${FONT_FAMILY}; font-size: 15px; line-height: 1.5; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 920px; margin: 0 auto; padding: 24px 20px 64px; }
h1 { font-size: 26px; font-weight: 400; line-height: 1.25; margin: 8px 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 19px; font-weight: 400; margin: 40px 0 12px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.lede { color: #444; margin: 4px 0 16px; }
.files a, figcaption a { color: #0b57a4; }
figure { margin: 28px 0; }
.vis { width: 100%; }
.vis svg, .vis .vega-embed { display: block; width: 100%; height: auto; }
.vis .vega-embed svg { width: 100%; height: auto; }
figcaption { font-size: 14px; color: #333; margin-top: 8px; max-width: 760px; }
figcaption .files { display: block; font-size: 13px; color: #555; margin-top: 4px; }
table.summary { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
table.summary th, table.summary td { padding: 3px 10px; text-align: right; border-bottom: 1px solid #eee; white-space: nowrap; }
table.summary thead th { border-bottom: 1px solid #999; font-weight: 400; color: #333; white-space: normal; vertical-align: bottom; }
table.summary td.variant { white-space: normal; text-align: left; min-width: 10em; }
table.summary tbody th { text-align: left; font-weight: 400; }
tr.arch-plain th { color: ${ARCH_COLORS.plain}; }
tr.arch-residual th { color: ${ARCH_COLORS.residual}; }
.table-wrap { overflow-x: auto; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; font-size: 14px; }
dt { color: #555; }
dd { margin: 0; overflow-wrap: anywhere; }
code { font-size: 13px; background: #f4f4f4; padding: 1px 4px; border-radius: 3px; }
`;
}
