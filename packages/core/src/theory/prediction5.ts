import { createNetwork, initWeights } from '../network.js';
import { forward } from '../propagate.js';
import { createRng } from '../rng.js';
import { norm } from '../tensor.js';
import { createWorkspace } from '../workspace.js';
import { fmt, fmtCi, type Tick } from './format.js';
import { GroupSums, inInterval, jackknife, type Estimate } from './jackknife.js';
import { reluLayerLogVariance } from './special.js';
import type { HaninCell, ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow, TheorySeries } from './types.js';

/** Networks prediction 5 runs: one per grid cell. */
export const prediction5Networks = (o: ResolvedTheoryOptions) => o.haninGrid.length;

const RULE_CI = 'predicted inside the measured 99% CI (jackknife over 20 seed groups, t with 19 df)';

/** Per seed [v, v^2] with v = ln(||h_L||^2 / ||x||^2); seeds whose net is dead (h_L = 0) are counted, not added. */
function logGainRuns(cell: HaninCell, seeds: number): { sums: GroupSums; dead: number } {
  const net = createNetwork({ arch: 'plain', depth: cell.depth, width: cell.width, inputSize: cell.width });
  const ws = createWorkspace(net, 1, { weightGrads: false });
  const sums = new GroupSums(2);
  const row = new Float64Array(2);
  let dead = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const rng = createRng(seed);
    initWeights(net, rng);
    rng.fillNormal(ws.input);
    const v = 2 * Math.log(norm(forward(net, ws)) / norm(ws.input));
    if (!Number.isFinite(v)) {
      dead++;
      continue;
    }
    row[0] = v;
    row[1] = v * v;
    sums.add(seed, row);
  }
  return { sums, dead };
}

/** Sample variance (n - 1 in the denominator) of v from the means of [v, v^2] over n seeds. */
const varianceOf = (m: Float64Array, n: number) => ((m[1] - m[0] * m[0]) * n) / (n - 1);
const variance = (s: GroupSums, skip = -1) => varianceOf(s.mean(skip), s.count(skip));

/**
 * Prediction 5 (Hanin 2018; Hanin and Rolnick 2018): in a He-initialised plain ReLU net, Var over seeds of
 * ln(||h_L||^2 / ||x||^2) grows with beta = sum_l 1/width_l, to leading order as 5·beta, so nets of equal beta agree.
 * Beside it, the exact finite-width value: the layers' log-gains are independent (rotation invariance of the Gaussian
 * weights), each ln of a chi-square with Binomial(n, 1/2) degrees of freedom, so Var = sum_l reluLayerLogVariance(n_l).
 */
export function prediction5(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const runs = o.haninGrid.map((cell) => {
    const r = logGainRuns(cell, o.haninSeeds);
    tick(`prediction 5: width ${cell.width}, depth ${cell.depth}`);
    const beta = cell.depth / cell.width;
    return { cell, beta, exact: cell.depth * reluLayerLogVariance(cell.width), ...r };
  });
  // Joint leave-one-group-out over every cell (seed index groups are shared), for statistics across cells.
  const joint = (f: (vars: number[]) => number): Estimate =>
    jointEstimate(
      runs.map((r) => r.sums),
      f,
    );
  const hanin = joint((v) => sum(v) / sum(runs.map((r) => 5 * r.beta)));
  const exact = joint((v) => sum(v) / sum(runs.map((r) => r.exact)));
  const [ia, ib] = o.haninPair.map((p) => runs.findIndex((r) => r.cell.width === p.width && r.cell.depth === p.depth));
  const [a, b] = [runs[ia], runs[ib]];
  const pair = joint((v) => v[ia] / v[ib]);
  const dead = runs.reduce((s, r) => s + r.dead, 0);
  const cells = runs
    .map(
      (r) => `${r.cell.width}x${r.cell.depth}: ${fmt(variance(r.sums))} (5β ${fmt(5 * r.beta)}, exact ${fmt(r.exact)})`,
    )
    .join('; ');
  const row = (
    id: string,
    claim: string,
    quantity: string,
    predicted: number,
    e: Estimate,
    detail: string,
  ): TheoryRow => {
    const agrees = inInterval(predicted, e.ci);
    return {
      id,
      prediction: 5,
      claim,
      quantity,
      predicted,
      measured: e.value,
      ci: e.ci,
      rule: RULE_CI,
      agreement: agrees ? 'agrees' : 'fails',
      detail,
    };
  };
  const exactPair = a.exact / b.exact;
  const rows = [
    row(
      '5a',
      'Var ln(||h_L||²/||x||²) ≈ 5β (Hanin, leading order)',
      'sum over cells of measured Var / sum of 5·beta',
      1,
      hanin,
      `per cell (width x depth: measured Var): ${cells}. ${dead} dead nets (h_L = 0) left out of ${runs.length * o.haninSeeds}.${inInterval(1, hanin.ci) ? '' : ` 5·beta is only the leading order: at width n one layer adds Var ln chi²_K, K ~ Bin(n, 1/2), e.g. ${fmt(reluLayerLogVariance(16))} at n = 16 against 5/16 = 0.3125, so the measured variance is ${fmt(hanin.value)}x 5·beta.`}`,
    ),
    row(
      '5b',
      'Var ln(||h_L||²/||x||²) = exact finite-width sum',
      'sum over cells of measured Var / sum of exact',
      1,
      exact,
      'exact: L · Var[ln chi²_K | K >= 1], K ~ Binomial(width, 1/2), per cell.',
    ),
    row(
      '5c',
      `equal β = ${fmt(a.beta)}: ${a.cell.width}×${a.cell.depth} and ${b.cell.width}×${b.cell.depth} have equal Var`,
      `Var(${a.cell.width}x${a.cell.depth}) / Var(${b.cell.width}x${b.cell.depth})`,
      a.beta === b.beta ? 1 : a.beta / b.beta,
      pair,
      `measured ${fmt(variance(a.sums))} and ${fmt(variance(b.sums))}; the exact finite-width ratio is ${fmt(exactPair)} (${inInterval(exactPair, pair.ci) ? 'inside' : 'outside'} the CI ${fmtCi(pair.ci)}): equal beta means equal variance to leading order in 1/width only${inInterval(exactPair, pair.ci) && inInterval(1, pair.ci) ? '; at this many seeds the test cannot tell 1 from the exact ratio' : ''}.`,
    ),
  ];
  const widths = [...new Set(runs.map((r) => r.cell.width))];
  const series: TheorySeries[] = widths.map((w) => ({
    name: `width ${w}`,
    points: runs
      .filter((r) => r.cell.width === w)
      .sort((p, q) => p.beta - q.beta)
      .map((r) => {
        const e = jackknife((skip) => variance(r.sums, skip), 0.95);
        return { x: r.beta, mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: r.exact };
      }),
  }));
  const betas = [...new Set(runs.map((r) => r.beta))].sort((p, q) => p - q);
  series.push({ name: 'Hanin 5·β', points: betas.map((x) => ({ x, mean: null, lo: null, hi: null, theory: 5 * x })) });
  return {
    id: 5,
    title: 'Hanin: Var ln ||h_L||² grows with beta = sum 1/width',
    source: 'Hanin 2018; Hanin and Rolnick 2018',
    rows,
    figure: {
      xTitle: 'β = Σ 1/width',
      yTitle: 'Var over seeds of ln(||h_L||²/||x||²)',
      logY: false,
      series,
      theoryNote:
        'per width, the exact finite-width variance L·Var[ln χ²_K | K ≥ 1], K ~ Binomial(width, 1/2); Hanin 5·β: the leading order.',
    },
    seeds: o.haninSeeds,
  };
}

const sum = (v: readonly number[]) => v.reduce((s, x) => s + x, 0);

/** f of every cell's variance, with a jackknife that leaves out seed group g in every cell at once. */
function jointEstimate(cells: readonly GroupSums[], f: (vars: number[]) => number): Estimate {
  return jackknife((skip) => f(cells.map((c) => variance(c, skip))));
}
