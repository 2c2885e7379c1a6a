import { createNetwork, initWeights } from '../network.js';
import { forward } from '../propagate.js';
import { createRng } from '../rng.js';
import { norm } from '../tensor.js';
import { createWorkspace } from '../workspace.js';
import { measureUnit } from './adaptive.js';
import { PREDICTIONS } from './checks.js';
import { fmt, type Tick } from './format.js';
import {
  equalBetaRow,
  exactLogVariance,
  finiteWidthExcess,
  type HaninNet,
  haninSumRow,
  logGainVariance,
} from './haninLaws.js';
import { GroupSums, jackknife } from './jackknife.js';
import type { HaninCell, ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheorySeries } from './types.js';
import { minOf } from '../extrema.js';

/** Units prediction 5 runs: its grid, as one unit (its rows compare the nets). */
export const prediction5Units = () => 1;

/** A grid net run seed by seed: per seed [v, v^2], v = ln(||h_L||^2 / ||x||^2); a dead net (h_L = 0) is counted, not added. */
function logGainRun(cell: HaninCell): HaninNet & { extend(to: number): void } {
  const net = createNetwork({ arch: 'plain', depth: cell.depth, width: cell.width, inputSize: cell.width });
  const ws = createWorkspace(net, 1, { weightGrads: false });
  const sums = new GroupSums(2);
  const row = new Float64Array(2);
  let seeds = 0;
  const out: HaninNet & { extend(to: number): void } = {
    sums,
    beta: cell.depth / cell.width,
    exact: exactLogVariance(Array(cell.depth).fill(cell.width)),
    dead: 0,
    extend(to: number) {
      for (; seeds < to; seeds++) {
        const rng = createRng(seeds);
        initWeights(net, rng);
        rng.fillNormal(ws.input);
        const v = 2 * Math.log(norm(forward(net, ws)) / norm(ws.input));
        if (!Number.isFinite(v)) {
          out.dead++;
          continue;
        }
        row[0] = v;
        row[1] = v * v;
        sums.add(seeds, row);
      }
    },
  };
  return out;
}

/**
 * Prediction 5 (Hanin 2018; Hanin and Rolnick 2018): in a He-initialised plain ReLU net, Var over seeds of
 * ln(||h_L||^2 / ||x||^2) grows with beta = sum_l 1/width_l, to leading order as 5·beta (5a), so nets of equal beta
 * agree (5c); both are width → ∞ laws. Beside them the exact finite-width value (5b): the layers' log-gains are
 * independent, each ln of a chi-square with Binomial(n, 1/2) degrees of freedom.
 */
export function prediction5(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const nets = o.haninGrid.map((cell) => ({ cell, ...logGainRun(cell) }));
  const [ia, ib] = o.haninPair.map((p) => nets.findIndex((r) => r.cell.width === p.width && r.cell.depth === p.depth));
  const [a, b] = [nets[ia], nets[ib]];
  const widths = [...new Set(nets.map((r) => r.cell.width))].sort((x, y) => x - y);
  const excess = [...widths, 128, 1024].map((w) => `${fmt(finiteWidthExcess(w))} at ${w}`).join(', ');
  const depths = [...new Set(nets.map((r) => r.cell.depth))].sort((x, y) => x - y);
  const grid = `${nets.length} nets: widths ${widths.join(', ')}; depths ${depths.join(', ')}`;
  const rows = measureUnit(
    {
      label: 'prediction 5: the grid',
      extend: (to) => {
        for (const r of nets) r.extend(to);
      },
      rows: (level) => {
        const cells = nets
          .map(
            (r) =>
              `${r.cell.width}x${r.cell.depth}: ${fmt(logGainVariance(r.sums))} (5β ${fmt(5 * r.beta)}, exact ${fmt(r.exact)})`,
          )
          .join('; ');
        return [
          haninSumRow(
            '5a',
            nets,
            grid,
            level,
            `a leading order in 1/width: at finite width the exact variance (5b) is larger; exact ÷ 5β = ${excess}`,
            `per net (width x depth: measured Var): ${cells}.`,
          ),
          haninSumRow(
            '5b',
            nets,
            grid,
            level,
            '',
            'exact: L · Var[ln χ²_K | K ≥ 1], K ~ Binomial(width, 1/2), per net.',
          ),
          equalBetaRow(
            a,
            b,
            `${a.cell.width}×${a.cell.depth} and ${b.cell.width}×${b.cell.depth} (β = ${fmt(a.beta)}${a.beta === b.beta ? '' : ` and ${fmt(b.beta)}`})`,
            level,
            `equal β gives equal variance to leading order in 1/width only: the exact finite-width ratio is ${fmt(a.exact / b.exact)}, → 1 as the widths grow`,
          ),
        ];
      },
    },
    o.haninPlan,
    (s) => tick(`prediction 5: the grid of ${nets.length} nets, ${s} seeds each`),
  );
  const series: TheorySeries[] = widths.map((w) => ({
    name: `width ${w}`,
    points: nets
      .filter((r) => r.cell.width === w)
      .sort((p, q) => p.beta - q.beta)
      .map((r) => {
        const e = jackknife((skip) => logGainVariance(r.sums, skip), 0.95, 'log');
        return { x: r.beta, mean: e.value, lo: e.ci[0], hi: e.ci[1], theory: r.exact };
      }),
  }));
  const betas = [...new Set(nets.map((r) => r.beta))].sort((p, q) => p - q);
  series.push({ name: 'Hanin 5·β', points: betas.map((x) => ({ x, mean: null, lo: null, hi: null, theory: 5 * x })) });
  return {
    id: 5,
    ...PREDICTIONS[5],
    rows,
    figure: {
      xTitle: 'β = Σ 1/width',
      yTitle: 'Var over seeds of ln(||h_L||²/||x||²)',
      logY: false,
      series,
      theoryNote:
        'per width, the exact finite-width variance L·Var[ln χ²_K | K ≥ 1], K ~ Binomial(width, 1/2); Hanin 5·β: the leading order.',
    },
    seeds: minOf(nets.map((r) => r.sums.count())),
  };
}
