import { GridError } from '@resnet/sweep/browser';
import { pushAll, TRAIN_ARCHS, type TrainArch } from '@resnet/core';
import type { TrainProgress } from '../compute/messages.js';
import { TRAIN_DEFAULTS, type ExplorerState, type TrainFlag } from '../model/flags.js';
import { trainFromFlags, type PageTraining } from '../model/trainFlags.js';
import { trainCommand } from './cliLine.js';
import { embeddedDigits } from './digits.js';
import { el, paperLink, setHtml } from './dom.js';
import { createComputer, type Computer } from './pool.js';
import { plotSvg } from './svgPlot.js';
import { PLOT_TEXT } from './text.js';
import { createTrainingControls } from './trainingControls.js';
import { ARCH_COLORS } from './theme.js';
import { epochTableHtml, trainPlot, trainWindow, type RunView } from './trainViews.js';

/** The training tab: a plain and a residual net of the same depth trained side by side, one worker each. */
export function createTrainingTab(o: { source: string | null; state: ExplorerState; onChange(): void }) {
  const { controls, panel } = createTrainingControls((flag) => (text) => {
    o.state.train[flag] = text;
    o.onChange();
    apply(true);
  });
  const pause = el('button', { type: 'button', id: 'train-pause', class: 'primary' }, 'Pause');
  const reset = el('button', { type: 'button', id: 'train-reset' }, 'Reset');
  const defaults = el('button', { type: 'button', id: 'train-defaults' }, 'Defaults');
  const status = el('p', { class: 'status', id: 'train-status', 'aria-live': 'polite' });
  const t = PLOT_TEXT.training;
  const plotBox = (arch: TrainArch) =>
    el(
      'figure',
      { id: `fig-train-${arch}` },
      el('h3', {}, `${arch === 'plain' ? 'Plain' : 'Residual'} net`),
      el('div', { class: 'plot', id: `plot-train-${arch}` }),
    );
  const table = el('div', { class: 'table-wrap', tabindex: '0', 'aria-label': 'epoch records' });
  const cli = el('code', { class: 'cli', id: 'train-cli' });
  const legend = el('div', { class: 'legend', id: 'train-legend' });
  const results = el(
    'section',
    { class: 'results', 'aria-label': 'Training results' },
    el('div', { class: 'actions' }, pause, reset, defaults),
    status,
    legend,
    el('div', { class: 'train-plots' }, plotBox('plain'), plotBox('residual')),
    el('p', { class: 'status' }, `${t.shows} The paper: ${t.paper} `, paperLink('Read it', t.href)),
    el('div', { class: 'table-block' }, el('h3', {}, 'Every epoch (as core’s trainRun records it)'), table),
    el('div', { class: 'table-block' }, el('h3', {}, 'The same runs from the command line'), cli),
  );
  const root = el('div', { class: 'workspace', id: 'tab-train', role: 'tabpanel' }, panel, results);

  let computers: Computer[] = [];
  let runs: RunView[] = [];
  let runId = 0;
  let paused = false;
  let frame = 0;
  let plan: PageTraining | null = null;
  let wanted = false;

  function stop(): void {
    for (const w of computers) w.terminate();
    computers = [];
  }

  async function start(): Promise<void> {
    stop();
    if (!plan) return;
    const id = ++runId;
    paused = false;
    pause.textContent = 'Pause';
    runs = TRAIN_ARCHS.map((arch) => ({
      arch,
      total: 0,
      stepsPerEpoch: 0,
      step: 0,
      errors: [],
      batch: [],
      loss: [],
      tests: [],
      epochs: [],
      done: false,
      paused: false,
      error: null,
      ms: 0,
    }));
    status.textContent = 'Reading the embedded digits…';
    let bytes: Uint8Array;
    try {
      bytes = await embeddedDigits();
    } catch (e) {
      status.textContent = `The digits could not be read: ${(e as Error).message}`;
      return;
    }
    if (id !== runId) return;
    const p = plan;
    const launch = (i: number, source: string | null): Computer => {
      const arch = TRAIN_ARCHS[i]!;
      const w = createComputer(source);
      const began = performance.now();
      w.onResponse = (r) => r.kind === 'train-progress' && id === runId && progress(runs[i]!, r, began);
      // A worker that cannot run: the page trains this net itself (slower, between frames).
      w.onFailure = () => {
        w.terminate();
        if (id === runId) computers[i] = launch(i, null);
      };
      w.post({
        kind: 'train-start',
        run: id,
        options: { ...p.options, arch },
        data: { bytes },
        limit: p.limit,
        testsPerEpoch: 3,
      });
      return w;
    };
    computers = TRAIN_ARCHS.map((_, i) => launch(i, o.source));
    schedule();
  }

  function progress(run: RunView, r: TrainProgress, began: number): void {
    run.total = r.total;
    run.stepsPerEpoch = r.stepsPerEpoch;
    run.step = r.step;
    pushAll(run.errors, r.errors);
    pushAll(run.batch, r.batch);
    pushAll(run.loss, r.loss);
    pushAll(run.tests, r.tests);
    pushAll(run.epochs, r.epochs);
    run.done = r.done;
    run.paused = r.paused;
    run.error = r.error ?? null;
    run.ms = performance.now() - began;
    schedule();
  }

  function schedule(): void {
    if (!frame) frame = requestAnimationFrame(draw);
  }

  function draw(): void {
    frame = 0;
    for (const run of runs) {
      const spec = trainPlot(run, ARCH_COLORS[run.arch], '#222');
      setHtml(root.querySelector(`#plot-train-${run.arch}`)!, plotSvg(spec));
    }
    const w = runs[0]?.stepsPerEpoch ? trainWindow(runs[0]) : 16;
    setHtml(
      legend,
      `<span class="key">solid line: train error (last ${w} mini-batches, train mode)</span><span class="key">black with circles: test error (test digits, eval mode)</span><span class="key">dashed verticals: epoch ends</span>`,
    );
    status.textContent = runs.map(describe).join('   ');
    setHtml(table, epochTableHtml(runs));
    const done = runs.length > 0 && runs.every((r) => r.done);
    root.dataset['state'] = done ? 'done' : paused ? 'paused' : 'running';
    // Paused once every worker has said so (it finishes the step it is in).
    root.dataset['paused'] = String(paused && runs.every((r) => r.paused || r.done));
    pause.textContent = done ? 'Train again' : paused ? 'Resume' : 'Pause';
    // The run drawn and its steps, set together (tests and the bench read them).
    root.dataset['run'] = String(runId);
    root.dataset['steps'] = runs.map((r) => r.step).join(',');
  }

  function describe(run: RunView): string {
    if (run.error) return `${run.arch}: failed: ${run.error}`;
    if (!run.total) return `${run.arch}: starting…`;
    const epoch = Math.min(Math.ceil(run.step / run.stepsPerEpoch), run.total / run.stepsPerEpoch);
    const test = run.tests.at(-1);
    return `${run.arch}: step ${run.step}/${run.total} (epoch ${epoch}), test error ${test ? (100 * test[1]).toFixed(1) : '–'}%, ${(run.ms / 1000).toFixed(1)} s${run.done ? ', done' : run.paused ? ', paused' : ''}.`;
  }

  pause.addEventListener('click', () => {
    if (computers.length === 0 || runs.every((r) => r.done)) return void start();
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    for (const w of computers) w.post({ kind: paused ? 'train-pause' : 'train-resume', run: runId });
    schedule();
  });
  reset.addEventListener('click', () => void start());
  defaults.addEventListener('click', () => {
    Object.assign(o.state.train, TRAIN_DEFAULTS);
    o.onChange();
    apply(true);
  });

  /** Shows the state's texts, checks them as resnet train would, and (re)starts training when asked and valid. */
  function apply(restart: boolean): void {
    for (const [flag, control] of controls) {
      control.set(o.state.train[flag]);
      control.setError(null);
    }
    cli.textContent = trainCommand(o.state);
    try {
      plan = trainFromFlags(o.state.train);
    } catch (e) {
      plan = null;
      stop();
      const flag = e instanceof GridError ? (e.option.replace(/^--/, '') as TrainFlag) : null;
      controls.get(flag!)?.setError((e as Error).message);
      status.textContent = `Not training: ${(e as Error).message}`;
      return;
    }
    if (restart && wanted) void start();
  }

  /** Called when the tab is shown: starts training the first time. */
  function shown(): void {
    if (wanted) return;
    wanted = true;
    void start();
  }

  return { root, apply: (restart = false) => apply(restart), shown };
}
