import { measureUnit, type SeedUnit } from './adaptive.js';
import { bandSeries, component } from './bandSeries.js';
import { PREDICTIONS } from './checks.js';
import type { Tick } from './format.js';
import { dWRatioRow, slopeRow } from './plainLaws.js';
import { type PlainRunSpec, plainRun, type SeedRun } from './plainRuns.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow, TheorySeries } from './types.js';

/** Gains sigma_w^2 of prediction 1's zero-mean case. */
export const P1_GAINS: readonly number[] = [1.5, 2, 2.5];

/** Units of networks prediction 1 runs: one per gain, 3 more output-gradient cases at depth, 2 at deepDepth. */
export const prediction1Units = () => P1_GAINS.length + 5;

const NOTEBOOK_NOTE =
  'the law assumes a backward signal independent of the forward pass; dout = ones through a ReLU output passes exactly the units with w_i·h > 0, so W^T(D·1) sums the rows aligned with h and δ is not zero-mean given the activations';
const ALONE_NOTE = 'either change alone keeps the backward signal nearly zero-mean given the activations';
const deepNote = (L: number, n: number) =>
  `at L = ${L}, ||dW||² is heavy-tailed over seeds (its log has variance ≈ 5L/width = ${Math.round((5 * L) / n)}): a few seeds carry its mean`;

/**
 * Prediction 1 (He et al. 2015 sec. 2.2): in a plain ReLU net with N(0, sigma_w^2/fanIn) weights, mean ||h_l||^2 and
 * (for a zero-mean output gradient) mean ||delta_l||^2 change by sigma_w^2/2 per layer (rows 1a, 1b), so with
 * sigma_w^2 = 2 the first and last layers' mean ||dW||^2 agree (1c); the notebook's output gradient (1d) and either
 * of its two changes alone (1e) test the law's independence assumption.
 */
export function prediction1(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const L = o.depth;
  const n = o.width;
  const net = (
    depth: number,
    sigmaW2: number,
    outputActivation: PlainRunSpec['outputActivation'],
    dout: PlainRunSpec['dout'],
  ) => plainRun({ depth, width: n, sigmaW2, outputActivation, dout });
  const unit = (label: string, run: SeedRun, rows: (level: number) => TheoryRow[]): SeedUnit => ({
    label: `prediction 1: ${label}`,
    extend: (to) => run.extend(to),
    rows,
  });
  // 1. One zero-mean net per gain (its sigma_w^2 = 2 net also gives 1c at L), then the output-gradient cases.
  const gains = P1_GAINS.map((s2) => ({ s2, run: net(L, s2, 'linear', 'normal') }));
  const notebook = net(L, 2, 'relu', 'ones');
  const onesLinear = net(L, 2, 'linear', 'ones');
  const normalRelu = net(L, 2, 'relu', 'normal');
  const deep = o.deepDepth;
  const deepZero = net(deep, 2, 'linear', 'normal');
  const deepNotebook = net(deep, 2, 'relu', 'ones');
  const units: SeedUnit[] = [
    ...gains.map(({ s2, run }) =>
      unit(`σ² = ${s2}, dout ~ N(0, I)`, run, (level) => [
        slopeRow('1a', run.sums, L, s2, `σ² = ${s2}, L = ${L}`, level),
        slopeRow('1b', run.sums, L, s2, `σ² = ${s2}, L = ${L}`, level),
        ...(s2 === 2 ? [dWRatioRow('1c', run.sums, L, `L = ${L}`, level)] : []),
      ]),
    ),
    unit("the notebook's dout", notebook, (level) => [
      dWRatioRow('1d', notebook.sums, L, `L = ${L}`, level, NOTEBOOK_NOTE),
    ]),
    unit('dout = ones, linear output', onesLinear, (level) => [
      dWRatioRow('1e', onesLinear.sums, L, `L = ${L}, dout = ones, linear output`, level, ALONE_NOTE),
    ]),
    unit('dout ~ N(0, I), ReLU output', normalRelu, (level) => [
      dWRatioRow('1e', normalRelu.sums, L, `L = ${L}, dout ~ N(0, I), ReLU output`, level, ALONE_NOTE),
    ]),
    unit(`L = ${deep}, dout ~ N(0, I)`, deepZero, (level) => [
      dWRatioRow('1c', deepZero.sums, deep, `L = ${deep}`, level, deepNote(deep, n)),
    ]),
    unit(`L = ${deep}, the notebook's dout`, deepNotebook, (level) => [
      dWRatioRow('1d', deepNotebook.sums, deep, `L = ${deep}`, level, `${NOTEBOOK_NOTE}; ${deepNote(deep, n)}`),
    ]),
  ];
  const rows = units.flatMap((u) => measureUnit(u, o.plan, (s) => tick(`${u.label}, ${s} seeds`)));
  rows.sort((a, b) => a.id.localeCompare(b.id));
  // 2. The figure: forward and backward per gain, and ||dW_l||^2 at sigma_w^2 = 2, as three panels.
  const hidden = L - 1;
  const series: TheorySeries[] = [];
  for (const { s2, run } of gains) {
    const name = `σ² = ${s2}`;
    series.push(
      bandSeries({
        name,
        panel: 'forward ||h_l||²',
        sums: run.sums,
        count: hidden,
        stat: component(0),
        theory: (l) => n * (s2 / 2) ** (l + 1),
      }),
      bandSeries({
        name,
        panel: 'backward ||δ_l||²',
        sums: run.sums,
        count: hidden,
        stat: component(L),
        theory: (l) => n * s2 * (s2 / 2) ** (L - 2 - l),
      }),
    );
  }
  const zero = gains.find((g) => g.s2 === 2)!.run;
  const dW = 'σ² = 2: ||dW_l||²';
  series.push(
    bandSeries({ name: 'σ² = 2', panel: dW, sums: zero.sums, count: L, stat: component(2 * L), theory: () => n * n }),
    bandSeries({
      name: "σ² = 2, notebook's dout",
      panel: dW,
      sums: notebook.sums,
      count: L,
      stat: component(2 * L),
      theory: () => null,
    }),
  );
  return {
    id: 1,
    ...PREDICTIONS[1],
    rows,
    figure: {
      xTitle: 'weight layer l',
      yTitle: 'mean squared norm over seeds',
      logY: true,
      series,
      theoryNote: `E||h_l||² = n(σ²/2)^l and E||δ_l||² = nσ²(σ²/2)^(L−1−l) on the ReLU layers (n = ${n}, L = ${L}; dout ~ N(0, I), linear output); for ||dW_l||² at σ² = 2 the law gives n² = ${n * n} at every layer (no theory line for the notebook's dout, where the law's assumption fails).`,
    },
    seeds: zero.seeds,
  };
}
