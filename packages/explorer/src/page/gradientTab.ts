import { GridError } from '@resnet/sweep/browser';
import { GRID_DEFAULTS, type ExplorerState, type GridFlag } from '../model/flags.js';
import { gridFromFlags, type PageGrid } from '../model/grid.js';
import { sweepCommand } from './cliLine.js';
import { el } from './dom.js';
import { createGradientControls } from './gradientControls.js';
import { createGradientResults } from './gradientResults.js';
import { GridRunner, type GridJob } from './gridRunner.js';

/** A User Timing measure from the job's start to now, tagged with the job (where the browser has them; else none). */
function mark(name: string, job: GridJob, end: number): void {
  try {
    performance.measure(name, { start: job.started, end, detail: job.id });
  } catch {
    // An older browser without measure options: the page works the same, only unmeasured.
  }
}

/** Least milliseconds between two drawings of a job while its seeds stream in. */
const REDRAW_MS = 150;

/** The gradient-flow tab: controls on the left, plots and their numbers on the right, recomputed on every change. */
export function createGradientTab(o: { source: string | null; state: ExplorerState; onChange(): void }) {
  const { controls, panel } = createGradientControls(
    (flag) => (text) => {
      o.state.grid[flag] = text;
      o.onChange();
      apply();
    },
    () => {
      Object.assign(o.state.grid, GRID_DEFAULTS);
      o.onChange();
      apply();
    },
  );
  const results = createGradientResults();
  const root = el('div', { class: 'workspace', id: 'tab-gradient', role: 'tabpanel' }, panel, results.root);

  // Drawing: a job's first seeds at once, then at most every REDRAW_MS while seeds stream in (the workers need the
  // cores more than the plots need 60 frames a second), the last seed at once.
  let frame = 0;
  let timer = 0;
  let drawnAt = 0;
  let drawnJob = -1;
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

  function statusText(job: GridJob): string {
    if (job.error) return `A cell failed: ${job.error}`;
    const where = job.inline ? 'in the page (no workers)' : `on ${job.threads} worker${job.threads > 1 ? 's' : ''}`;
    if (job.seedsDone < job.seeds) return `Computing ${where}: ${job.seedsDone} of ${job.seeds} seeds…`;
    const seconds = ((job.finished ?? performance.now()) - job.started) / 1000;
    const cells = (job.groups * job.seeds).toLocaleString('en');
    return `${job.seeds} seeds × ${job.groups} networks = ${cells} cells in ${seconds.toFixed(2)} s ${where}.`;
  }

  function draw(): void {
    frame = 0;
    clearTimeout(timer);
    timer = 0;
    const job = runner.job;
    if (!job) return;
    results.status.textContent = statusText(job);
    Object.assign(root.dataset, { seedsDone: job.seedsDone, tasks: job.tasks, workerMs: job.workerMs.toFixed(1) });
    if (job.error || job.seedsDone === 0) return;
    drawnAt = performance.now();
    drawnJob = job.id;
    results.draw(job, runner.profile(job));
    const done = job.seedsDone === job.seeds;
    root.dataset['state'] = done ? 'done' : 'running';
    // The latency marks the bench reads: first seeds drawn, every seed drawn.
    const now = performance.now();
    if (firstDrawn !== job.id) {
      firstDrawn = job.id;
      mark('explorer:first-result', job, now);
    }
    if (done && fullDrawn !== job.id) {
      fullDrawn = job.id;
      mark('explorer:full-grid', job, now);
    }
  }

  let visible = false;
  let pending: PageGrid | null = null;

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
    results.cli.textContent = sweepCommand(o.state);
    try {
      const pg = gridFromFlags(o.state.grid);
      controls.get('depth')!.retune!(pg.grid.depths);
      controls.get('depth')!.set(o.state.grid.depth === '' ? String(pg.profileDepth) : o.state.grid.depth);
      pending = pg;
      if (visible) runner.run(pg);
    } catch (e) {
      const flag = e instanceof GridError ? (e.option.replace(/^--/, '') as GridFlag) : null;
      const message = (e as Error).message;
      if (flag) controls.get(flag)?.setError(message);
      results.status.textContent = `Not computed: ${message}`;
    }
  }

  return { root, apply, shown };
}
