import { ARCH_COLORS, type ArchName } from './theme.js';

/** Most series one panel shows; more go into small multiples (readers tell about six colours apart). */
export const MAX_SERIES = 6;

/**
 * The colours besides the two architectures' (Okabe-Ito orange, sky blue, bluish green, reddish purple, black, and
 * grey; its yellow is too pale on white), for the further variants of an architecture.
 */
export const OTHER_COLORS: readonly string[] = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#000000', '#999999'];

/** A curve of a report: its architecture and its label (`arch: variant`, or the arch alone). */
export interface Curve {
  arch: ArchName;
  label: string;
}

/** A report's curves: each label's colour (the same in every figure) and the panels that hold at most MAX_SERIES. */
export interface CurvePalette {
  /** The label's colour; a label the palette does not know is grey. */
  color(label: string): string;
  /** Per architecture, runs of at most MAX_SERIES labels in the report's order: one panel each. */
  panels: { arch: ArchName; title: string; labels: string[] }[];
  /** The panel a label is drawn in. */
  panelOf(label: string): string;
}

/**
 * Colours for a report's curves in its canonical order: the k-th curve of an architecture gets the architecture's
 * own colour at k = 0 (the curve figures 1 to 4 show) and OTHER_COLORS[(k - 1) mod 6] after, so any run of six
 * consecutive curves of one architecture (one panel) has six different colours.
 */
export function curvePalette(curves: readonly Curve[]): CurvePalette {
  const colors = new Map<string, string>();
  const panels: CurvePalette['panels'] = [];
  const panelOf = new Map<string, string>();
  for (const arch of ['plain', 'residual'] as const) {
    const labels = [...new Set(curves.filter((c) => c.arch === arch).map((c) => c.label))];
    const chunks = Math.ceil(labels.length / MAX_SERIES);
    labels.forEach((label, k) => {
      colors.set(label, k === 0 ? ARCH_COLORS[arch] : OTHER_COLORS[(k - 1) % OTHER_COLORS.length]!);
      const p = Math.floor(k / MAX_SERIES);
      const title = chunks > 1 ? `${arch} (${p + 1} of ${chunks})` : arch;
      if (k % MAX_SERIES === 0) panels.push({ arch, title, labels: [] });
      panels.at(-1)!.labels.push(label);
      panelOf.set(label, title);
    });
  }
  return {
    color: (label) => colors.get(label) ?? '#999999',
    panels,
    panelOf: (label) => panelOf.get(label) ?? '',
  };
}
