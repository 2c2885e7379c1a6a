import type { Block } from '../config.js';
import { norm } from '../tensor.js';
import { bandSeries } from './bandSeries.js';
import { fmt, type Tick } from './format.js';
import { GroupSums } from './jackknife.js';
import { residualRuns } from './residualRuns.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import { relError, type PredictionResult, type TheoryRow, type TheorySeries } from './types.js';

/** Shortcut scales lambda prediction 2 checks. */
export const P2_SCALES: readonly number[] = [0.9, 1.1];
/** Blocks whose stream is lambda·x + eta·F(x) with no activation after the add (the identity needs none). */
export const P2_BLOCKS: readonly Block[] = ['notebook', 'preact'];
/** Exact identities hold to rounding: the largest relative error accepted. */
export const EXACT_TOLERANCE = 1e-12;

/** Networks prediction 2 runs. */
export const prediction2Networks = () => P2_SCALES.length * P2_BLOCKS.length;

/**
 * Prediction 2 (He et al. 2016 eq. 5 with a shortcut scale): with the branch switched off (eta = 0), the backward
 * signal in the stream is ||delta_b|| = lambda^(B-b) ||delta_B|| exactly, at every block b and for every seed.
 */
export function prediction2(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const B = o.blocks;
  const rows: TheoryRow[] = [];
  const series: TheorySeries[] = [];
  P2_SCALES.forEach((lambda, i) => {
    let worst = 0;
    const sums = new GroupSums(B + 1);
    const ratios = new Float64Array(B + 1);
    for (const block of P2_BLOCKS) {
      residualRuns({ blocks: B, width: o.width, block, branchScale: 0, shortcutScale: lambda }, o.seeds, (seed, ws) => {
        const top = norm(ws.blockGrad[B]);
        for (let b = 0; b <= B; b++) {
          ratios[b] = norm(ws.blockGrad[b]) / top;
          worst = Math.max(worst, relError(ratios[b], lambda ** (B - b)));
        }
        if (block === 'notebook') sums.add(seed, ratios);
      });
      tick(`prediction 2: lambda = ${lambda}, ${block} block`);
    }
    const agrees = worst < EXACT_TOLERANCE;
    const mean0 = sums.mean()[0];
    rows.push({
      id: `2${'abcdefgh'[i]}`,
      prediction: 2,
      claim: `η = 0, λ = ${lambda}: ||δ_b|| = λ^(B−b) ||δ_B|| exactly`,
      quantity: `||delta_0|| / ||delta_B|| (B = ${B})`,
      predicted: lambda ** B,
      measured: mean0,
      ci: null,
      rule: `exact identity: largest relative error over seeds, blocks b and block kinds (${P2_BLOCKS.join(', ')}) < ${EXACT_TOLERANCE}`,
      agreement: agrees ? 'agrees' : 'fails',
      detail: `largest relative error ${fmt(worst)} over ${o.seeds} seeds x ${B + 1} blocks x ${P2_BLOCKS.length} block kinds.`,
    });
    series.push(
      bandSeries(
        `λ = ${lambda}`,
        sums,
        0,
        B + 1,
        (b) => lambda ** (B - b),
        (b) => b,
      ),
    );
  });
  return {
    id: 2,
    title: 'Zero branch, scaled shortcut: lambda^(B-b) exactly',
    source: 'He et al. 2016 eq. 5, with a shortcut scale lambda',
    rows,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: '||δ_b|| / ||δ_B||',
      logY: true,
      series,
      theoryNote: `λ^(B−b) with B = ${B}, notebook block (the band has no width: every seed gives the same ratio).`,
    },
    seeds: o.seeds,
  };
}
