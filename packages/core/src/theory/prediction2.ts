import type { Block } from '../config.js';
import { norm } from '../tensor.js';
import { bandSeries } from './bandSeries.js';
import { PREDICTIONS } from './checks.js';
import type { Tick } from './format.js';
import { GroupSums } from './jackknife.js';
import { residualRuns } from './residualRuns.js';
import { exactRow } from './theoryRow.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import { type PredictionResult, relError, type TheorySeries, worse } from './types.js';
import { thousands } from './verdict.js';

/** Shortcut scales lambda prediction 2 checks. */
export const P2_SCALES: readonly number[] = [0.9, 1.1];
/** Blocks whose stream is lambda·x + eta·F(x) with no activation after the add (the identity needs none). */
export const P2_BLOCKS: readonly Block[] = ['notebook', 'preact'];
/** Exact identities hold to rounding: the largest relative error accepted. */
export const EXACT_TOLERANCE = 1e-12;

/** Networks prediction 2 runs. */
export const prediction2Units = () => P2_SCALES.length * P2_BLOCKS.length;

/** `n seeds had every output unit dead ...`, or '' when none had. */
export const deadNote = (dead: number) =>
  dead
    ? `${dead} seed${dead === 1 ? '' : 's'} had every output unit dead (dout stops at the output ReLU, so δ = 0 at every block): the identity holds there as 0 = 0`
    : '';

/**
 * Prediction 2 (He et al. 2016 eq. 5 with a shortcut scale): with the branch switched off (eta = 0), the backward
 * signal in the stream is ||delta_b|| = lambda^(B-b) ||delta_B|| exactly (2a) and the stream ||x_b|| = |lambda|^b
 * ||x_0|| (2b), at every block b and for every seed.
 */
export function prediction2(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const B = o.blocks;
  const seeds = o.exactSeeds;
  let back = 0;
  let fwd = 0;
  let dead = 0;
  const series: TheorySeries[] = [];
  for (const lambda of P2_SCALES) {
    const sums = new GroupSums(B + 1);
    const ratios = new Float64Array(B + 1);
    for (const block of P2_BLOCKS) {
      residualRuns({ blocks: B, width: o.width, block, branchScale: 0, shortcutScale: lambda }, seeds, (seed, ws) => {
        const top = norm(ws.blockGrad[B]);
        const x0 = norm(ws.blockOut[0]);
        for (let b = 0; b <= B; b++) {
          back = worse(back, relError(norm(ws.blockGrad[b]), lambda ** (B - b) * top));
          fwd = worse(fwd, relError(norm(ws.blockOut[b]), Math.abs(lambda) ** b * x0));
          ratios[b] = norm(ws.blockGrad[b]) / top;
        }
        if (top === 0 || x0 === 0) dead++;
        // The figure's ratios need a backward signal: a seed with every output unit dead has none.
        else if (block === 'notebook') sums.add(seed, ratios);
      });
      tick(`prediction 2: λ = ${lambda}, ${block} block, ${seeds} seeds`);
    }
    series.push(
      bandSeries({
        name: `λ = ${lambda}`,
        sums,
        count: B + 1,
        stat: (m, b) => m[b],
        theory: (b) => lambda ** (B - b),
        x: (b) => b,
      }),
    );
  }
  const over = `${thousands(seeds)} seeds x ${B + 1} blocks x λ = ${P2_SCALES.join(', ')} x ${P2_BLOCKS.join(' and ')} blocks`;
  const setting = `λ = ${P2_SCALES.join(' and ')}, B = ${B}`;
  const rows = [
    exactRow({
      id: '2a',
      setting,
      worst: back,
      seeds,
      over,
      note: deadNote(dead),
      detail: `largest relative error ${back} over ${over}.`,
    }),
    exactRow({ id: '2b', setting, worst: fwd, seeds, over, detail: `largest relative error ${fwd} over ${over}.` }),
  ];
  return {
    id: 2,
    ...PREDICTIONS[2],
    rows,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: '||δ_b|| / ||δ_B||',
      logY: true,
      series,
      theoryNote: `λ^(B−b) with B = ${B}, notebook block (the band has no width: every seed gives the same ratio).`,
    },
    seeds,
  };
}
