import { norm } from '../tensor.js';
import { bandSeries } from './bandSeries.js';
import { fmt, type Tick } from './format.js';
import { GroupSums } from './jackknife.js';
import { EXACT_TOLERANCE, P2_BLOCKS } from './prediction2.js';
import { distance, residualRuns } from './residualRuns.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import type { PredictionResult, TheoryRow } from './types.js';

/** Networks prediction 3 runs. */
export const prediction3Networks = () => P2_BLOCKS.length;

/**
 * Prediction 3 (ReZero, Bachlechner et al. 2020; SkipInit, De & Smith 2020): with eta = 0 and lambda = 1 the
 * residual stream is exactly the identity at init (x_b = x_0) and the gradient reaches the stream's input
 * unchanged (dL/dx_0 = dL/dx_B, as vectors).
 */
export function prediction3(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const B = o.blocks;
  let fwd = 0;
  let bwd = 0;
  const sums = new GroupSums(2 * (B + 1));
  const row = new Float64Array(2 * (B + 1));
  for (const block of P2_BLOCKS) {
    residualRuns({ blocks: B, width: o.width, block, branchScale: 0, shortcutScale: 1 }, o.seeds, (seed, ws) => {
      const x0 = ws.blockOut[0];
      const gB = ws.blockGrad[B];
      for (let b = 0; b <= B; b++) {
        fwd = Math.max(fwd, distance(ws.blockOut[b], x0) / norm(x0));
        bwd = Math.max(bwd, distance(ws.blockGrad[b], gB) / norm(gB));
        row[b] = norm(ws.blockOut[b]) / norm(x0);
        row[B + 1 + b] = norm(ws.blockGrad[b]) / norm(gB);
      }
      if (block === 'notebook') sums.add(seed, row);
    });
    tick(`prediction 3: eta = 0, ${block} block`);
  }
  const rule = `exact identity: largest relative error over seeds, blocks and block kinds (${P2_BLOCKS.join(', ')}) < ${EXACT_TOLERANCE}`;
  const m = sums.mean();
  const rows: TheoryRow[] = [
    {
      id: '3a',
      prediction: 3,
      claim: 'η = 0: the stream is the identity at init (x_b = x_0)',
      quantity: `||x_B|| / ||x_0|| (B = ${B})`,
      predicted: 1,
      measured: m[B],
      ci: null,
      rule,
      agreement: fwd < EXACT_TOLERANCE ? 'agrees' : 'fails',
      detail: `largest ||x_b - x_0|| / ||x_0|| = ${fmt(fwd)} over ${o.seeds} seeds x ${B + 1} blocks x ${P2_BLOCKS.length} block kinds.`,
    },
    {
      id: '3b',
      prediction: 3,
      claim: 'η = 0: the gradient reaches x_0 unchanged',
      quantity: `||dL/dx_0|| / ||dL/dx_B|| (B = ${B})`,
      predicted: 1,
      measured: m[B + 1],
      ci: null,
      rule,
      agreement: bwd < EXACT_TOLERANCE ? 'agrees' : 'fails',
      detail: `largest ||dL/dx_b - dL/dx_B|| / ||dL/dx_B|| = ${fmt(bwd)} (vectors, not only norms).`,
    },
  ];
  return {
    id: 3,
    title: 'ReZero / SkipInit (eta = 0): the identity at init',
    source: 'Bachlechner et al. 2020 (ReZero); De and Smith 2020 (SkipInit)',
    rows,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: 'norm relative to the stream’s end',
      logY: false,
      theoryNote: '1 (the identity), notebook block; the bands have no width.',
      series: [
        bandSeries(
          '||x_b|| / ||x_0||',
          sums,
          0,
          B + 1,
          () => 1,
          (b) => b,
        ),
        bandSeries(
          '||dL/dx_b|| / ||dL/dx_B||',
          sums,
          B + 1,
          B + 1,
          () => 1,
          (b) => b,
        ),
      ],
    },
    seeds: o.seeds,
  };
}
