import type { Activation, Block } from '../config.js';
import { measureUnit, type SeedUnit } from './adaptive.js';
import { bandSeries, component } from './bandSeries.js';
import { PREDICTIONS } from './checks.js';
import { fmt, type Tick } from './format.js';
import { notebookStreamMeanField } from './meanField.js';
import { streamRun, type StreamRun } from './residualRuns.js';
import { growthRow, meanFieldRow, preactLaw, preactRow, streamRatio } from './streamLaws.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryFigure, TheoryRow, TheorySeries } from './types.js';

/** Units prediction 4 runs: preact with a linear and with a ReLU input projection, the notebook's block; then the approach over widths. */
export const prediction4Units = () => 4;

const RELU_INPUT_NOTE =
  'the law needs a zero-mean stream (E||relu(x)||² = ||x||²/2); a ReLU input projection makes x_0 ≥ 0, so relu(x_0) = x_0, the first block grows by 1 + 2η² instead of 1 + η², and the stream keeps a positive mean';
const FINITE_WIDTH =
  'a width → ∞ law: its step E||relu(x_b)||² = E||x_b||²/2 needs coordinates symmetric about 0, which the branches break by O(1/width) at finite width';
const MEAN_FIELD =
  'a width → ∞ law: the recursion drops the O(1/width) fluctuations of ||x_b|| and of the branch, which compound over the blocks';

/**
 * Prediction 4: pre-activation blocks, He init, branch scale eta: E||x_B||^2 / E||x_0||^2 = (1 + eta^2)^B, which
 * assumes a zero-mean symmetric stream: 4a with a linear input projection (a width → ∞ law: its approach over
 * widths is measured and drawn), 4b with the notebook's ReLU one (x_0 >= 0); the notebook's block, whose branch is
 * non-negative, grows faster than sqrt(2) per block (4c) and follows a mean-field recursion as width grows (4d).
 */
export function prediction4(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const B = o.blocks;
  const n = o.width;
  const eta = 1 / Math.sqrt(B);
  const law = preactLaw(Array(B).fill(eta));
  const lawText = `(1 + ${fmt(eta * eta)})^${B}`;
  const stream = (width: number, block: Block, branchScale: number, inputActivation: Activation) =>
    streamRun({ blocks: B, width, block, branchScale, shortcutScale: 1, inputActivation });
  const preact = (width: number) => stream(width, 'preact', eta, 'linear');
  const notebook = (width: number) => stream(width, 'notebook', 1, 'relu');
  const linear = preact(n);
  const reluIn = stream(n, 'preact', eta, 'relu');
  const nb = notebook(n);
  const setting = `B = ${B}, η = 1/√B, width ${n}`;
  const unit = (label: string, run: StreamRun, rows: (level: number) => TheoryRow[]): SeedUnit => ({
    label: `prediction 4: ${label}`,
    extend: (to) => run.extend(to),
    rows,
  });
  // 1. The rows, each unit by the seed plan; the approach over widths after, at fixed seeds.
  const field = notebookStreamMeanField(B);
  const units = [
    unit('preact, linear input projection', linear, (level) => [
      preactRow('4a', linear.sums, B, law, setting, level, FINITE_WIDTH, lawText),
    ]),
    unit('preact, ReLU input projection', reluIn, (level) => [
      preactRow('4b', reluIn.sums, B, law, setting, level, RELU_INPUT_NOTE, lawText),
    ]),
    unit("the notebook's block", nb, (level) => [
      growthRow(nb.sums, B, `B = ${B}, width ${n}`, level),
      meanFieldRow(nb.sums, B, `B = ${B}, width ${n}`, level, MEAN_FIELD),
    ]),
  ];
  const rows = units.flatMap((u) => measureUnit(u, o.plan, (s) => tick(`${u.label}, ${s} seeds`)));
  // The approach over widths, with the table's width at the seeds its rows ran to; its numbers join 4a's and 4d's notes.
  const approach = approachOverWidths(o, linear, nb, preact, notebook, law, field[B], tick);
  for (const r of rows) {
    if (r.id === '4a') r.note += `; measured ÷ law at widths ${approach.text[0]}`;
    if (r.id === '4d') r.note += `; measured ÷ q_B at widths ${approach.text[1]}`;
  }
  // 2. The figures: the stream per block (theory dashed), and the approach over widths.
  const x = (b: number) => b;
  const series: TheorySeries[] = [
    bandSeries({
      name: 'preact, linear input',
      sums: linear.sums,
      count: B + 1,
      stat: component(0),
      theory: (b) => 2 * n * (1 + eta * eta) ** b,
      x,
    }),
    bandSeries({
      name: 'preact, ReLU input',
      sums: reluIn.sums,
      count: B + 1,
      stat: component(0),
      theory: (b) => n * (1 + eta * eta) ** b,
      x,
    }),
    bandSeries({
      name: "notebook's block",
      sums: nb.sums,
      count: B + 1,
      stat: component(0),
      theory: (b) => n * field[b],
      x,
    }),
  ];
  return {
    id: 4,
    ...PREDICTIONS[4],
    rows,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: 'mean ||x_b||² over seeds',
      logY: true,
      series,
      theoryNote: `E||x_0||²(1 + η²)^b with η = 1/√${B} and E||x_0||² = 2n (linear input) or n (ReLU input), n = ${n}; for the notebook block the mean-field recursion n·q_b (row 4d).`,
    },
    extraFigures: [
      {
        name: 'widths',
        title: 'Width → ∞ laws of prediction 4: measured over predicted against width',
        figure: approach.figure,
      },
    ],
    seeds: linear.seeds,
  };
}

/**
 * Rows 4a and 4d are width → ∞ laws: mean ||x_B||^2 / mean ||x_0||^2 over the law at each of approachWidths (the
 * table's width from its own runs once they are done, the others at approachSeeds), as a figure and as text.
 */
function approachOverWidths(
  o: ResolvedTheoryOptions,
  linear: StreamRun,
  nb: StreamRun,
  preact: (width: number) => StreamRun,
  notebook: (width: number) => StreamRun,
  law: number,
  field: number,
  tick: Tick,
): { figure: TheoryFigure; text: [string, string] } {
  const B = o.blocks;
  const laws = [
    { name: '4a: preact, linear input', main: linear, make: preact, theory: law },
    { name: "4d: notebook's block", main: nb, make: notebook, theory: field },
  ];
  const series: TheorySeries[] = laws.map((l) => {
    const runs = o.approachWidths.map((w) => {
      if (w === o.width) return l.main;
      const r = l.make(w);
      r.extend(o.approachSeeds);
      return r;
    });
    tick(`prediction 4: ${l.name} at widths ${o.approachWidths.join(', ')}, ${o.approachSeeds} seeds`);
    return {
      name: l.name,
      points: runs.map((r, i) => {
        const e = streamRatio(r.sums, B, 0.95);
        return {
          x: o.approachWidths[i],
          mean: e.value / l.theory,
          lo: e.ci[0] / l.theory,
          hi: e.ci[1] / l.theory,
          theory: 1,
        };
      }),
    };
  });
  const text = series.map(
    (s) => `${s.points.map((p) => p.x).join(', ')}: ${s.points.map((p) => fmt(p.mean!)).join(', ')}`,
  ) as [string, string];
  return {
    figure: {
      xTitle: 'width n (log scale)',
      yTitle: 'measured / predicted',
      logY: false,
      logX: true,
      series,
      theoryNote: `1: the law holds exactly as width → ∞ (B = ${B}); bands 95%, widths other than ${o.width} over ${o.approachSeeds} seeds.`,
    },
    text,
  };
}
