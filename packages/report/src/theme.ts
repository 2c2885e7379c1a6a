import type { Config } from 'vega-lite';
import { FONT_FAMILY } from './font.js';

/** The two architectures, in the order every figure lists them. */
export type ArchName = 'plain' | 'residual';

/** One colour per architecture, the same in every figure (Okabe-Ito vermillion and blue: colour-blind safe). */
export const ARCH_COLORS: Readonly<Record<ArchName, string>> = Object.freeze({ plain: '#D55E00', residual: '#0072B2' });

/** Width of one plot area in px (= pt in PDF): with axes the figure is about 3.3 in, a paper's single column. */
export const PLOT_WIDTH = 170;
/** Height of one plot area in px. */
export const PLOT_HEIGHT = 120;
/** Opacity of the 5-95% band, and of the 25-75% band drawn over it. */
export const BAND_OPACITY = { outer: 0.15, inner: 0.3 } as const;

/** Colour encoding for the arch field: fixed domain order and colours, so every figure agrees. */
export function archColor(archs: readonly ArchName[], legend = true) {
  return {
    field: 'arch',
    type: 'nominal' as const,
    scale: { domain: [...archs], range: archs.map((a) => ARCH_COLORS[a]) },
    legend: legend ? { title: null, symbolType: 'stroke', symbolStrokeWidth: 2, symbolOpacity: 1 } : null,
  };
}

/** A legend of stroked lines below a panel, one entry a line, long labels kept whole (variant and theory series). */
export const LINE_LEGEND = {
  title: null,
  orient: 'bottom',
  direction: 'vertical',
  symbolType: 'stroke',
  symbolStrokeWidth: 2,
  symbolOpacity: 1,
  labelLimit: 1000,
} as const;

/** Shared Vega-Lite config: the shipped font everywhere, small type for single-column width, no bold. */
export const BASE_CONFIG: Config = {
  font: FONT_FAMILY,
  background: 'white',
  padding: 4,
  view: { stroke: '#888', strokeWidth: 0.5 },
  axis: {
    labelFontSize: 8,
    titleFontSize: 9,
    titleFontWeight: 'normal',
    titlePadding: 4,
    labelColor: '#222',
    titleColor: '#111',
    tickSize: 3,
    gridColor: '#e4e4e4',
    gridWidth: 0.5,
    domainColor: '#666',
    tickColor: '#666',
  },
  legend: {
    orient: 'top',
    direction: 'horizontal',
    labelFontSize: 8,
    titleFontSize: 8,
    titleFontWeight: 'normal',
    symbolSize: 60,
    padding: 0,
    offset: 4,
  },
  header: { labelFontSize: 8, titleFontSize: 9, labelFontWeight: 'normal', titleFontWeight: 'normal' },
  title: { fontSize: 9, fontWeight: 'normal', subtitleFontSize: 8, anchor: 'start', offset: 4 },
  text: { fontSize: 8 },
  line: { strokeWidth: 1.5 },
};
