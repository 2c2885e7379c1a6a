import { STAT_FIELDS, STAT_FIRST_GRAD, STAT_LAST_ACT, STAT_LAST_GRAD } from '@resnet/sweep/browser';
import type { Band } from '../model/profile.js';
import type { Series } from '../model/series.js';
import type { Summary } from '../model/summary.js';
import type { SeriesTheory } from '../model/theory.js';
import { esc } from './dom.js';
import type { PlotBand, PlotSeries, PlotSpec, XY } from './svgPlot.js';
import { PLOT_TEXT } from './text.js';

// The gradient-flow tab's views as data: plot specs and table markup from what the job has so far.

/** What the views are drawn from. */
export interface GradientData {
  series: Series[];
  colors: string[];
  theory: SeriesTheory[];
  summary: Summary;
  /** Grid depth of each group (summary.csv's depth column). */
  groupDepth: number[];
  stats: Float64Array;
  groups: number;
  profileDepth: number;
  /** Per series (null where it has no group at the profile depth), its layer bands. */
  profile: (Band[] | null)[];
}

const bandOf = (values: Record<string, number>, metric: string, x: number): PlotBand => ({
  x,
  p5: values[`${metric}_p5`]!,
  p25: values[`${metric}_p25`]!,
  median: values[`${metric}_median`]!,
  p75: values[`${metric}_p75`]!,
  p95: values[`${metric}_p95`]!,
});

/** Root mean square over the first `seeds` seeds of a group of f(cell's summary values) (finite values only). */
function rms(d: GradientData, g: number, f: (stats: Float64Array, at: number) => number): number {
  let sum = 0;
  let n = 0;
  for (let s = 0; s < d.summary.seeds; s++) {
    const v = f(d.stats, (s * d.groups + g) * STAT_FIELDS);
    if (Number.isFinite(v)) {
      sum += v * v;
      n++;
    }
  }
  return n ? Math.sqrt(sum / n) : Number.NaN;
}

/** The first/last ratio's root mean square as the law states it: sqrt(mean first² / mean last²). */
function rmsRatio(d: GradientData, g: number): number {
  return rms(d, g, (s, at) => s[at + STAT_FIRST_GRAD]!) / rms(d, g, (s, at) => s[at + STAT_LAST_GRAD]!);
}

/** A depth plot (ratio or last activation) of every curve, with its theory line and measured root mean square. */
export function depthPlot(d: GradientData, view: 'ratio' | 'act'): PlotSpec {
  const metric = view === 'ratio' ? 'ratio' : 'last_act';
  const series: PlotSeries[] = d.series.map((s, i) => {
    const line = d.theory[i]!.lines.find((t) => t.view === view);
    const x = (g: number) => d.groupDepth[g]!;
    const out: PlotSeries = {
      name: s.key,
      color: d.colors[i]!,
      bands: s.groups.map((g) => bandOf(d.summary.values[g]!, metric, x(g))),
    };
    if (line) {
      out.theory = s.groups.map((g, k): XY => ({ x: x(g), y: line.values[k]! }));
      out.points = s.groups.map(
        (g): XY => ({ x: x(g), y: view === 'ratio' ? rmsRatio(d, g) : rms(d, g, (st, at) => st[at + STAT_LAST_ACT]!) }),
      );
    }
    return out;
  });
  const text = PLOT_TEXT[view];
  return {
    id: view,
    label: `${text.title}: median and 5-95% and 25-75% bands over ${d.summary.seeds} seeds per depth, log scale.`,
    xTitle: 'depth',
    yTitle: view === 'ratio' ? '‖dW_first‖ / ‖dW_last‖' : '‖y‖ (output norm)',
    logY: true,
    integerX: true,
    refY: view === 'ratio' ? 1 : undefined,
    series,
  };
}

/** The layer profile at the profile depth: per curve the bands of every weight layer's ||dW||. */
export function profilePlot(d: GradientData): PlotSpec {
  return {
    id: 'profile',
    label: `${PLOT_TEXT.profile.title} at depth ${d.profileDepth}: median and bands over the seeds, log scale.`,
    xTitle: 'position: first layer 0 → last layer 1',
    yTitle: '‖dW‖ of the layer',
    logY: true,
    xDomain: [0, 1],
    series: d.series.flatMap((s, i) => {
      const bands = d.profile[i];
      return bands ? [{ name: s.key, color: d.colors[i]!, bands }] : [];
    }),
  };
}

/** Per curve, the theory lines drawn (with their source) and why others are not. */
export function theoryNotesHtml(d: GradientData): string {
  return d.series
    .flatMap((s, i) => [
      ...d.theory[i]!.lines.map(
        (t) =>
          `<li>${esc(s.key)}: ${esc(t.name)} (<a href="${t.href}" target="_blank" rel="noopener noreferrer">${esc(t.source)}</a>), dashed; circles: measured root mean square.</li>`,
      ),
      ...d.theory[i]!.notes.map((n) => `<li>${esc(s.key)}: ${esc(n)}</li>`),
    ])
    .join('');
}

/** summary.csv as an HTML table: the same header and fields, as text. */
export function summaryTableHtml(summary: Summary): string {
  const head = summary.header.map(
    (h) =>
      `<th scope="col"${/^(arch|.*Expr|block|init|activation|outputActivation|inputActivation|dout|depthUnit)$/.test(h) ? ' class="text"' : ''}>${esc(h)}</th>`,
  );
  const rows = summary.rows.map(
    (r) =>
      `<tr>${r.map((v, i) => (i === 0 ? `<th scope="row" class="text">${esc(v)}</th>` : `<td${/^[-\d.eNaInfity]*$/.test(v) ? '' : ' class="text"'}>${esc(v)}</td>`)).join('')}</tr>`,
  );
  return `<table id="summary"><thead><tr>${head.join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** The profile's numbers: per curve and layer, the quantiles over seeds (full precision, as summary.csv writes). */
export function profileTableHtml(d: GradientData): string {
  const cols = ['curve', 'layer', 'position', 'count', 'nonfinite', 'median', 'p5', 'p25', 'p75', 'p95'];
  const rows: string[] = [];
  d.series.forEach((s, i) => {
    (d.profile[i] ?? []).forEach((b, layer) => {
      const cells = [layer, b.x, b.count, b.nonFinite, b.median, b.p5, b.p25, b.p75, b.p95].map(
        (v) => `<td>${String(v)}</td>`,
      );
      rows.push(`<tr><th scope="row" class="text">${esc(s.key)}</th>${cells.join('')}</tr>`);
    });
  });
  return `<table id="profile"><thead><tr>${cols.map((c, i) => `<th scope="col"${i === 0 ? ' class="text"' : ''}>${c}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
