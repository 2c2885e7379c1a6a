import { inInterval, type Estimate } from './jackknife.js';
import { fmt, fmtCi, type Tick } from './format.js';
import { plainRuns, slope, type PlainRunSpec } from './plainRuns.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow, TheorySeries } from './types.js';
import { bandSeries } from './bandSeries.js';

/** Gains sigma_w^2 of prediction 1's zero-mean case. */
export const P1_GAINS: readonly number[] = [1.5, 2, 2.5];

const RULE_CI = 'predicted inside the measured 99% CI (jackknife over 20 seed groups, t with 19 df)';

/** Networks prediction 1 runs: one per gain, the 4 combinations of output activation x dout at sigma_w^2 = 2, and 2 at deepDepth. */
export const prediction1Networks = () => P1_GAINS.length + 6;

const ln = Math.log;

/**
 * Prediction 1 (He et al. 2015 sec. 2.2): in a plain ReLU net with N(0, sigma_w^2/fanIn) weights, mean ||h_l||^2 and
 * mean ||delta_l||^2 change by sigma_w^2/2 per layer, so with sigma_w^2 = 2 the first and last mean ||dW||^2 agree.
 * Measured for a zero-mean output gradient (dout ~ N(0, I), linear output) and for the notebook's (dout ones, ReLU output).
 */
export function prediction1(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const L = o.depth;
  const n = o.width;
  const hidden = L - 1; // layers 0..L-2 have ReLU and a square successor; the output layer has its own law
  const rows: TheoryRow[] = [];
  const series: TheorySeries[] = [];
  const ids = 'abcdefghij';
  let k = 0;
  for (const s2 of P1_GAINS) {
    const sums = plainRuns({ depth: L, width: n, sigmaW2: s2, outputActivation: 'linear', dout: 'normal' }, o.seeds);
    tick(`prediction 1: sigma_w^2 = ${s2}, dout ~ N(0, I)`);
    const predicted = ln(s2 / 2);
    const fwd = sums.estimate((m) => slope(Array.from(m.subarray(0, hidden), ln)));
    // The backward signal grows towards the input: slope per layer going back = -(slope against l).
    const bwd = sums.estimate((m) => -slope(Array.from(m.subarray(L, L + hidden), ln)));
    for (const [dir, e] of [
      ['forward mean ||h_l||^2', fwd],
      ['backward mean ||delta_l||^2 (towards the input)', bwd],
    ] as const) {
      rows.push(slopeRow(`1${ids[k++]}`, s2, dir, predicted, e));
    }
    const fwdTheory = (l: number) => n * (s2 / 2) ** (l + 1);
    const bwdTheory = (l: number) => n * s2 * (s2 / 2) ** (L - 2 - l);
    series.push(bandSeries(`σ² = ${s2}: ||h_l||²`, sums, 0, hidden, fwdTheory));
    series.push(bandSeries(`σ² = ${s2}: ||δ_l||²`, sums, L, hidden, bwdTheory));
  }
  // The He law at sigma_w^2 = 2 gives E||dW_l||^2 = E||dz_l||^2 E||h_{l-1}||^2 = (n/2 * 2)(n) = n^2 at every layer.
  const combos: [PlainRunSpec['outputActivation'], PlainRunSpec['dout']][] = [
    ['linear', 'normal'],
    ['relu', 'ones'],
    ['linear', 'ones'],
    ['relu', 'normal'],
  ];
  const ratios = combos.map(([outputActivation, dout]) => {
    const r = dWRatio(L, n, outputActivation, dout, o.seeds, tick);
    if (dout === 'normal' && outputActivation === 'linear')
      series.push(bandSeries('zero-mean dout: ||dW_l||²', r.sums, 2 * L, L, () => n * n));
    if (dout === 'ones' && outputActivation === 'relu')
      series.push(bandSeries('notebook (ReLU out, dout = 1): ||dW_l||²', r.sums, 2 * L, L, () => n * n));
    return r;
  });
  const [zero, notebook, onesLinear, normalRelu] = ratios;
  const deep = o.deepDepth;
  const deepZero = dWRatio(deep, n, 'linear', 'normal', o.seeds, tick);
  const deepNotebook = dWRatio(deep, n, 'relu', 'ones', o.seeds, tick);
  const mixed = `Either assumption alone keeps it: dout = ones with a linear output gives ${fmt(onesLinear.ratio.value)} ${fmtCi(onesLinear.ratio.ci)}, dout ~ N(0, I) with a ReLU output ${fmt(normalRelu.ratio.value)} ${fmtCi(normalRelu.ratio.ci)}.`;
  const heavy = ` At L = ${deep} ||dW||² is heavy-tailed over seeds (its log has variance ~ 5·L/width), so this ratio of means is noisy: a CI wider than the prediction itself cannot test it at this many seeds.`;
  rows.push(ratioRow(`1${ids[k++]}`, 'zero-mean dout', L, zero, ''));
  rows.push(
    ratioRow(
      `1${ids[k++]}`,
      'notebook dout = 1, ReLU out',
      L,
      notebook,
      ` The law's assumption that breaks is a backward signal independent of the forward pass: with a ReLU output, dout = ones passes through exactly the units with w_i·h > 0, so W^T(D·1) sums the rows aligned with h and delta is no longer zero-mean given the activations. ${mixed}`,
    ),
  );
  rows.push(ratioRow(`1${ids[k++]}`, 'zero-mean dout', deep, deepZero, heavy));
  rows.push(ratioRow(`1${ids[k++]}`, 'notebook dout = 1, ReLU out', deep, deepNotebook, heavy));
  return {
    id: 1,
    title: 'Plain ReLU net: a factor sigma_w^2/2 per layer',
    source: 'He et al. 2015 sec. 2.2; Schoenholz et al. 2017',
    rows,
    figure: {
      xTitle: 'weight layer l',
      yTitle: 'mean squared norm over seeds',
      logY: true,
      series,
      theoryNote: `E||h_l||² = n(σ²/2)^l and E||δ_l||² = nσ²(σ²/2)^(L−1−l) on the ReLU layers (n = ${n}, L = ${L}); for ||dW_l||² at σ² = 2 the law gives n² = ${n * n} at every layer.`,
    },
    seeds: o.seeds,
  };
}

function slopeRow(id: string, s2: number, dir: string, predicted: number, e: Estimate): TheoryRow {
  const agrees = inInterval(predicted, e.ci);
  return {
    id,
    prediction: 1,
    claim: `σ² = ${s2}, zero-mean dout: ${dir.split(' ')[0]} ×σ²/2 per layer`,
    quantity: `slope of ln ${dir.replace(/^\w+ /, '')} per layer`,
    predicted,
    measured: e.value,
    ci: e.ci,
    rule: RULE_CI,
    agreement: agrees ? 'agrees' : 'fails',
    detail: `ln(${s2}/2) = ${fmt(predicted)}; measured ${fmt(e.value)} ± ${fmt(e.se)} (SE) over the ReLU layers 1..L-1.${agrees ? '' : ` Off by ${fmt((e.value - predicted) / e.se)} SE.`}`,
  };
}

interface RatioRun {
  first: Estimate;
  last: Estimate;
  ratio: Estimate;
}

/** Runs a plain net at sigma_w^2 = 2 and estimates the first and last layers' mean ||dW||^2 and their ratio. */
function dWRatio(
  L: number,
  n: number,
  outputActivation: PlainRunSpec['outputActivation'],
  dout: PlainRunSpec['dout'],
  seeds: number,
  tick: Tick,
) {
  const sums = plainRuns({ depth: L, width: n, sigmaW2: 2, outputActivation, dout }, seeds);
  tick(`prediction 1: depth ${L}, ${outputActivation} output, dout ${dout}`);
  const first = sums.estimate((m) => m[2 * L], 0.95);
  const last = sums.estimate((m) => m[3 * L - 1], 0.95);
  const ratio = sums.estimate((m) => m[2 * L] / m[3 * L - 1]);
  return { sums, first, last, ratio };
}

function ratioRow(id: string, condition: string, L: number, r: RatioRun, why: string): TheoryRow {
  const agrees = inInterval(1, r.ratio.ci);
  return {
    id,
    prediction: 1,
    claim: `σ² = 2, L = ${L}, ${condition}: first/last mean ||dW||² = 1`,
    quantity: `mean ||dW_first||² / mean ||dW_last||² (${condition === 'zero-mean dout' ? 'dout ~ N(0, I), linear output' : 'dout = ones, ReLU output'}, L = ${L})`,
    predicted: 1,
    measured: r.ratio.value,
    ci: r.ratio.ci,
    rule: RULE_CI,
    agreement: agrees ? 'agrees' : 'fails',
    detail: `first ${fmt(r.first.value)} ${fmtCi(r.first.ci)}, last ${fmt(r.last.value)} ${fmtCi(r.last.ci)} (95% CIs).${agrees ? '' : ` The first layer's is ${fmt(r.ratio.value)}x the last's.`}${why}`,
  };
}
