import { seriesOf } from '../model/series.js';
import { pageSummary, type Summary } from '../model/summary.js';
import { theoryFor } from '../model/theory.js';
import { el, paperLink, setHtml } from './dom.js';
import {
  depthPlot,
  profilePlot,
  profileTableHtml,
  summaryTableHtml,
  theoryNotesHtml,
  type GradientData,
} from './gradientViews.js';
import type { GridJob } from './gridRunner.js';
import { legendHtml } from './legend.js';
import type { ProfileStore } from '../model/profile.js';
import { plotSvg } from './svgPlot.js';
import { PLOT_TEXT } from './text.js';
import { seriesColors } from './theme.js';

/** Least milliseconds between two updates of a table while seeds stream in (thousands of cells each). */
const TABLES_MS = 500;

type JobData = Omit<GradientData, 'summary' | 'profile' | 'profileDepth' | 'stats'>;

/** The gradient-flow tab's results column: status, legend, the three plots, theory notes, the tables, the CLI line. */
export function createGradientResults() {
  const status = el('p', { class: 'status', id: 'grid-status', 'aria-live': 'polite' });
  const legend = el('div', { class: 'legend', id: 'grid-legend' });
  const figure = (name: 'profile' | 'ratio' | 'act') => {
    const t = PLOT_TEXT[name];
    return el(
      'figure',
      { id: `fig-${name}` },
      el('h3', {}, t.title),
      el('div', { class: 'plot', id: `plot-${name}` }),
      el('figcaption', {}, `${t.shows} `, el('span', {}, 'The paper: '), `${t.paper} `, paperLink('Read it', t.href)),
    );
  };
  const figures = { profile: figure('profile'), ratio: figure('ratio'), act: figure('act') };
  const plots = {
    profile: figures.profile.querySelector('.plot')!,
    ratio: figures.ratio.querySelector('.plot')!,
    act: figures.act.querySelector('.plot')!,
  };
  const notes = el('ul', { class: 'theory-notes', id: 'theory-notes' });
  const download = el('button', { type: 'button', id: 'download-summary' }, 'Download summary.csv');
  const summaryWrap = el('div', { class: 'table-wrap', tabindex: '0', 'aria-label': 'summary.csv' });
  const profileWrap = el('div', { class: 'table-wrap', tabindex: '0', 'aria-label': 'layer profile numbers' });
  const cli = el('code', { class: 'cli', id: 'grid-cli' });
  const root = el(
    'section',
    { class: 'results', 'aria-label': 'Gradient-flow results' },
    status,
    legend,
    el('div', { class: 'plots' }, figures.profile, figures.ratio, figures.act),
    notes,
    el(
      'div',
      { class: 'table-block' },
      el('h3', {}, 'The numbers of the depth plots: summary.csv'),
      el(
        'p',
        {},
        'The same columns and numbers as summary.csv of resnet sweep on this grid (for the seeds done so far).',
      ),
      el('div', { class: 'actions' }, download),
      summaryWrap,
    ),
    el('div', { class: 'table-block' }, el('h3', {}, 'The numbers of the layer profile'), profileWrap),
    el('div', { class: 'table-block' }, el('h3', {}, 'The same grid from the command line'), cli),
  );
  let csv = '';
  download.addEventListener('click', () => {
    const a = el('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: 'summary.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });

  const tablesAt = { summary: 0, profile: 0 };
  let job: { id: number; data: JobData } | null = null;
  let shownSummary: { key: string; summary: Summary } | null = null;
  let shownProfile: { key: string; profile: GradientData['profile'] } | null = null;

  /** What a job's views share, computed once per job: its curves, their colours and theory lines. */
  function jobData(j: GridJob): JobData {
    if (job?.id !== j.id) {
      const l = j.pg.layout;
      const series = seriesOf(l);
      job = {
        id: j.id,
        data: {
          series,
          colors: seriesColors(series.map((s) => s.arch)),
          theory: series.map((s) => theoryFor(l, s)),
          groupDepth: l.groupCells.map((g) => g.gridDepth),
          groups: j.groups,
        },
      };
    }
    return job.data;
  }

  /** Draws what the job has; only what changed is computed and drawn again (a profile-depth change leaves the rest). */
  function draw(j: GridJob, store: ProfileStore): void {
    const shared = jobData(j);
    const now = performance.now();
    const summaryKey = `${j.id}:${j.seedsDone}`;
    const summaryChanged = summaryKey !== shownSummary?.key;
    if (summaryChanged) shownSummary = { key: summaryKey, summary: pageSummary(j.pg.grid, j.stats, j.seedsDone) };
    const summary = shownSummary!.summary;
    csv = summary.csv;
    const profileKey = `${j.id}:${store.depth}:${store.seedsDone}`;
    const profileChanged = profileKey !== shownProfile?.key;
    if (profileChanged) {
      const bands = store.seedsDone > 0 ? store.bands() : [];
      const profile = shared.series.map((s) => {
        const i = store.groups.findIndex((g) => s.groups.includes(g));
        return i >= 0 && bands[i] ? bands[i]! : null;
      });
      shownProfile = { key: profileKey, profile };
    }
    const data: GradientData = {
      ...shared,
      summary,
      stats: j.stats,
      profileDepth: store.depth,
      profile: shownProfile!.profile,
    };
    if (profileChanged) setHtml(plots.profile, plotSvg(profilePlot(data)));
    if (summaryChanged) {
      setHtml(plots.ratio, plotSvg(depthPlot(data, 'ratio')));
      setHtml(plots.act, plotSvg(depthPlot(data, 'act')));
    }
    const curves = data.series.map((s, i) => ({ name: s.key, color: data.colors[i]! }));
    setHtml(
      legend,
      legendHtml(
        curves,
        data.theory.some((t) => t.lines.length > 0),
      ),
    );
    setHtml(notes, theoryNotesHtml(data));
    // The tables: when their numbers are final, else at most every TABLES_MS.
    if (summaryChanged && (j.seedsDone === j.seeds || now - tablesAt.summary > TABLES_MS)) {
      tablesAt.summary = now;
      setHtml(summaryWrap, summaryTableHtml(summary));
    }
    if (profileChanged && (store.seedsDone === j.seeds || now - tablesAt.profile > TABLES_MS)) {
      tablesAt.profile = now;
      setHtml(profileWrap, profileTableHtml(data));
    }
  }

  return { root, status, cli, draw };
}
