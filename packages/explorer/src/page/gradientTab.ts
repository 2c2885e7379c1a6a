import { GridError } from '@resnet/sweep/browser';
import { GRID_DEFAULTS, type ExplorerState, type GridFlag } from '../model/flags.js';
import { gridFromFlags } from '../model/grid.js';
import { seriesOf } from '../model/series.js';
import { pageSummary, type Summary } from '../model/summary.js';
import { theoryFor } from '../model/theory.js';
import { sweepCommand } from './cliLine.js';
import { chipsControl, numberControl, type Control } from './controls.js';
import { el, paperLink, setHtml } from './dom.js';
import {
  depthPlot,
  profilePlot,
  profileTableHtml,
  summaryTableHtml,
  theoryNotesHtml,
  type GradientData,
} from './gradientViews.js';
import { GridRunner } from './gridRunner.js';
import { plotSvg } from './svgPlot.js';
import { GRID_TEXT, PLOT_TEXT } from './text.js';
import { seriesColors } from './theme.js';
import { legendHtml } from './legend.js';

/** Least milliseconds between two drawings of a job while its seeds stream in, and between two table updates. */
const REDRAW_MS = 150;
const TABLES_MS = 500;

const SCALE_PRESETS = [
  { label: '1', text: '1' },
  { label: '1/√blocks', text: '1/sqrt(blocks)' },
  { label: '0', text: '0' },
];

/** The gradient-flow tab: controls on the left, plots and their numbers on the right, recomputed on every change. */
export function createGradientTab(o: { source: string | null; state: ExplorerState; onChange(): void }) {
  const controls = new Map<GridFlag, Control>();
  const onFlag = (flag: GridFlag) => (text: string) => {
    o.state.grid[flag] = text;
    o.onChange();
    apply();
  };
  const common = (flag: GridFlag) => ({ id: `grid-${flag}`, ...GRID_TEXT[flag], onChange: onFlag(flag) });
  const chips = (flag: GridFlag, options: readonly string[], fallback: readonly string[], required = false) =>
    controls.set(flag, chipsControl({ ...common(flag), options, fallback, required }));
  const number = (flag: GridFlag, extra: Partial<Parameters<typeof numberControl>[0]> = {}) =>
    controls.set(flag, numberControl({ ...common(flag), ...extra }));

  chips('archs', ['plain', 'residual'], ['plain', 'residual'], true);
  number('depths', { presets: ['5..40', '2..20', '5..100:5', '10..200:10'].map((t) => ({ label: t, text: t })) });
  number('seeds', { slider: { values: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] } });
  number('depth', { slider: { values: [40] }, placeholder: 'deepest' });
  number('width', { slider: { values: [2, 4, 8, 16, 32, 64, 128, 256] } });
  chips('blocks', ['notebook', 'original', 'preact'], ['notebook']);
  chips('inits', ['he', 'xavier', 'lecun', 'orthogonal'], ['he']);
  number('sigma-w2', {
    slider: { min: 0, max: 4, step: 0.05 },
    presets: [
      { label: 'init’s own', text: '' },
      { label: '1', text: '1' },
      { label: '2', text: '2' },
    ],
    placeholder: 'init’s own',
  });
  number('branch-scale', { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS, placeholder: '1' });
  number('shortcut-scale', { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS, placeholder: '1' });
  chips('activations', ['relu', 'tanh', 'linear'], ['relu']);
  chips('output-activations', ['relu', 'tanh', 'linear'], ['relu']);
  chips('input-activations', ['relu', 'tanh', 'linear'], []);
  chips('dout', ['ones', 'normal'], ['ones']);
  number('widths', { placeholder: 'e.g. 16,64' });
  number('batch', { placeholder: '1' });
  number('depth-unit', { placeholder: 'native' });
  number('threads', { slider: { values: [1, 2, 3, 4, 6, 8] }, placeholder: 'one per core' });

  const c = (flag: GridFlag) => controls.get(flag)!.root;
  const reset = el('button', { type: 'button', id: 'grid-reset' }, 'Reset to the README grid');
  reset.addEventListener('click', () => {
    Object.assign(o.state.grid, GRID_DEFAULTS);
    o.onChange();
    apply();
  });
  const panel = el(
    'section',
    { class: 'controls', 'aria-label': 'Gradient-flow settings' },
    el('h2', {}, 'The grid'),
    c('archs'),
    c('depths'),
    c('seeds'),
    c('depth'),
    c('width'),
    el('h2', {}, 'The network'),
    c('blocks'),
    c('inits'),
    c('sigma-w2'),
    c('branch-scale'),
    c('shortcut-scale'),
    c('activations'),
    c('output-activations'),
    c('input-activations'),
    c('dout'),
    el('details', {}, el('summary', {}, 'More flags'), c('widths'), c('batch'), c('depth-unit'), c('threads')),
    el('div', { class: 'actions' }, reset),
  );

  // The results column.
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
  const notes = el('ul', { class: 'theory-notes', id: 'theory-notes' });
  const download = el('button', { type: 'button', id: 'download-summary' }, 'Download summary.csv');
  const summaryWrap = el('div', { class: 'table-wrap', tabindex: '0', 'aria-label': 'summary.csv' });
  const profileWrap = el('div', { class: 'table-wrap', tabindex: '0', 'aria-label': 'layer profile numbers' });
  const cli = el('code', { class: 'cli', id: 'grid-cli' });
  const results = el(
    'section',
    { class: 'results', 'aria-label': 'Gradient-flow results' },
    status,
    legend,
    el('div', { class: 'plots' }, figure('profile'), figure('ratio'), figure('act')),
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
  const root = el('div', { class: 'workspace', id: 'tab-gradient', role: 'tabpanel' }, panel, results);

  // Drawing: a job's first seeds at once, then at most every REDRAW_MS while seeds stream in (the workers need the
  // cores more than the plots need 60 frames a second), the last seed at once; the tables every TABLES_MS.
  let frame = 0;
  let timer = 0;
  let drawnAt = 0;
  let drawnJob = -1;
  const tablesAt = { summary: 0, profile: 0 };
  let shownSummary: { key: string; summary: Summary } | null = null;
  let shownProfile: { key: string; profile: GradientData['profile'] } | null = null;
  const plots = {
    profile: root.querySelector('#plot-profile')!,
    ratio: root.querySelector('#plot-ratio')!,
    act: root.querySelector('#plot-act')!,
  };
  let cache: { id: number; data: Omit<GradientData, 'summary' | 'profile' | 'profileDepth' | 'stats'> } | null = null;
  let firstDrawn = -1;
  let fullDrawn = -1;
  const runner = new GridRunner(o.source, (job) => {
    // data-state says what is drawn: 'running' from the moment a new job starts until its last seed is drawn.
    if (root.dataset['job'] !== String(job.id)) {
      root.dataset['job'] = String(job.id);
      root.dataset['state'] = 'running';
    }
    if (job.error) root.dataset['state'] = 'error';
    if (frame || timer) return;
    const wait = job.id !== drawnJob || job.seedsDone === job.seeds ? 0 : drawnAt + REDRAW_MS - performance.now();
    if (wait <= 0) frame = requestAnimationFrame(draw);
    else
      timer = window.setTimeout(() => {
        timer = 0;
        if (!frame) frame = requestAnimationFrame(draw);
      }, wait);
  });
  let csv = '';
  download.addEventListener('click', () => {
    const a = el('a', { href: URL.createObjectURL(new Blob([csv], { type: 'text/csv' })), download: 'summary.csv' });
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });

  function draw(): void {
    frame = 0;
    const job = runner.job;
    if (!job) return;
    if (timer) {
      clearTimeout(timer);
      timer = 0;
    }
    const seconds = ((job.finished ?? performance.now()) - job.started) / 1000;
    const where = job.inline ? 'in the page (no workers)' : `on ${job.threads} worker${job.threads > 1 ? 's' : ''}`;
    const cells = job.groups * job.seeds;
    if (job.error) {
      status.textContent = `A cell failed: ${job.error}`;
      return;
    }
    status.textContent =
      job.seedsDone === job.seeds
        ? `${job.seeds} seeds × ${job.groups} networks = ${cells.toLocaleString('en')} cells in ${seconds.toFixed(2)} s ${where}.`
        : `Computing ${where}: ${job.seedsDone} of ${job.seeds} seeds…`;
    root.dataset['seedsDone'] = String(job.seedsDone);
    root.dataset['tasks'] = String(job.tasks);
    root.dataset['workerMs'] = job.workerMs.toFixed(1);
    if (job.seedsDone === 0) return;
    drawnAt = performance.now();
    drawnJob = job.id;
    if (cache?.id !== job.id) {
      const l = job.pg.layout;
      const series = seriesOf(l);
      cache = {
        id: job.id,
        data: {
          series,
          colors: seriesColors(series.map((s) => s.arch)),
          theory: series.map((s) => theoryFor(l, s)),
          groupDepth: l.groupCells.map((g) => g.gridDepth),
          groups: job.groups,
        },
      };
    }
    // Only what changed is computed and drawn again: a profile-depth change leaves summary.csv and two plots alone.
    const now = performance.now();
    const done = job.seedsDone === job.seeds;
    const summaryKey = `${job.id}:${job.seedsDone}`;
    const summaryChanged = summaryKey !== shownSummary?.key;
    if (summaryChanged) shownSummary = { key: summaryKey, summary: pageSummary(job.pg.grid, job.stats, job.seedsDone) };
    const summary = shownSummary!.summary;
    csv = summary.csv;
    const store = runner.profile(job);
    const profileKey = `${job.id}:${store.depth}:${store.seedsDone}`;
    const profileChanged = profileKey !== shownProfile?.key;
    if (profileChanged) {
      const bands = store.seedsDone > 0 ? store.bands() : [];
      const profile = cache.data.series.map((s) => {
        const i = store.groups.findIndex((g) => s.groups.includes(g));
        return i >= 0 && bands[i] ? bands[i]! : null;
      });
      shownProfile = { key: profileKey, profile };
    }
    const data: GradientData = {
      ...cache.data,
      summary,
      stats: job.stats,
      profileDepth: store.depth,
      profile: shownProfile!.profile,
    };
    if (profileChanged) setHtml(plots.profile, plotSvg(profilePlot(data)));
    if (summaryChanged) {
      setHtml(plots.ratio, plotSvg(depthPlot(data, 'ratio')));
      setHtml(plots.act, plotSvg(depthPlot(data, 'act')));
    }
    setHtml(
      legend,
      legendHtml(
        data.series.map((s, i) => ({ name: s.key, color: data.colors[i]! })),
        data.theory.some((t) => t.lines.length > 0),
      ),
    );
    setHtml(notes, theoryNotesHtml(data));
    root.dataset['state'] = done ? 'done' : 'running';
    // The tables (thousands of cells): when their numbers are final, else at most every TABLES_MS.
    if (summaryChanged && (done || now - tablesAt.summary > TABLES_MS)) {
      tablesAt.summary = now;
      setHtml(summaryWrap, summaryTableHtml(summary));
    }
    if (profileChanged && (store.seedsDone === job.seeds || now - tablesAt.profile > TABLES_MS)) {
      tablesAt.profile = now;
      setHtml(profileWrap, profileTableHtml(data));
    }
    // The latency marks the bench reads: first seeds drawn, every seed drawn.
    if (firstDrawn !== job.id) {
      firstDrawn = job.id;
      performance.measure('explorer:first-result', { start: job.started, end: now, detail: job.id });
    }
    if (done && fullDrawn !== job.id) {
      fullDrawn = job.id;
      performance.measure('explorer:full-grid', { start: job.started, end: now, detail: job.id });
    }
  }

  let visible = false;
  let pending: ReturnType<typeof gridFromFlags> | null = null;

  /** Called when the tab is shown: computes the grid the controls hold (a hidden tab computes nothing). */
  function shown(): void {
    visible = true;
    if (pending && runner.job?.pg !== pending) runner.run(pending);
  }

  /** Shows the state's texts in the controls, checks them as the CLI would, and computes the grid (when shown). */
  function apply(): void {
    pending = null;
    for (const [flag, control] of controls) {
      control.set(o.state.grid[flag]);
      control.setError(null);
    }
    cli.textContent = sweepCommand(o.state);
    try {
      const pg = gridFromFlags(o.state.grid);
      controls.get('depth')!.retune!(pg.grid.depths);
      controls.get('depth')!.set(o.state.grid.depth === '' ? String(pg.profileDepth) : o.state.grid.depth);
      pending = pg;
      if (visible) runner.run(pg);
    } catch (e) {
      const flag = e instanceof GridError ? (e.option.replace(/^--/, '') as GridFlag) : null;
      const control = flag ? controls.get(flag) : undefined;
      const message = (e as Error).message;
      if (control) control.setError(message);
      status.textContent = `Not computed: ${message}`;
    }
  }

  return { root, apply, shown };
}
