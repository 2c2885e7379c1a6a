import { norm } from '../tensor.js';
import { bandSeries } from './bandSeries.js';
import { PREDICTIONS } from './checks.js';
import type { Tick } from './format.js';
import { GroupSums } from './jackknife.js';
import { deadNote, P2_BLOCKS } from './prediction2.js';
import { distance, residualRuns } from './residualRuns.js';
import { exactRow } from './theoryRow.js';
import type { ResolvedTheoryOptions } from './theoryOptions.js';
import { type PredictionResult, worse } from './types.js';
import { thousands } from './verdict.js';

/** Networks prediction 3 runs. */
export const prediction3Units = () => P2_BLOCKS.length;

/**
 * Prediction 3 (ReZero, Bachlechner et al. 2020; SkipInit, De & Smith 2020): with eta = 0 and lambda = 1 the
 * residual stream is exactly the identity at init (x_b = x_0) and the gradient reaches the stream's input
 * unchanged (dL/dx_0 = dL/dx_B, as vectors).
 */
export function prediction3(o: ResolvedTheoryOptions, tick: Tick): PredictionResult {
  const B = o.blocks;
  const seeds = o.exactSeeds;
  let fwd = 0;
  let bwd = 0;
  let dead = 0;
  const sums = new GroupSums(2 * (B + 1));
  const row = new Float64Array(2 * (B + 1));
  for (const block of P2_BLOCKS) {
    residualRuns({ blocks: B, width: o.width, block, branchScale: 0, shortcutScale: 1 }, seeds, (seed, ws) => {
      const x0 = ws.blockOut[0];
      const gB = ws.blockGrad[B];
      const top = norm(gB);
      for (let b = 0; b <= B; b++) {
        // A distance of 0 is an exact 0, also over a norm of 0 (every output unit dead: the identity is 0 = 0).
        const dx = distance(ws.blockOut[b], x0);
        const dg = distance(ws.blockGrad[b], gB);
        fwd = worse(fwd, dx === 0 ? 0 : dx / norm(x0));
        bwd = worse(bwd, dg === 0 ? 0 : dg / top);
        row[b] = norm(ws.blockOut[b]) / norm(x0);
        row[B + 1 + b] = norm(ws.blockGrad[b]) / top;
      }
      if (top === 0 || norm(x0) === 0) dead++;
      else if (block === 'notebook') sums.add(seed, row);
    });
    tick(`prediction 3: η = 0, ${block} block, ${seeds} seeds`);
  }
  const over = `${thousands(seeds)} seeds x ${B + 1} blocks x ${P2_BLOCKS.join(' and ')} blocks`;
  const setting = `B = ${B}`;
  const rows = [
    exactRow({
      id: '3a',
      setting,
      worst: fwd,
      seeds,
      over,
      detail: `largest ||x_b − x_0|| / ||x_0|| = ${fwd} over ${over}.`,
    }),
    exactRow({
      id: '3b',
      setting,
      worst: bwd,
      seeds,
      over,
      note: deadNote(dead),
      detail: `largest ||dL/dx_b − dL/dx_B|| / ||dL/dx_B|| = ${bwd} over ${over} (vectors, not only norms).`,
    }),
  ];
  const x = (b: number) => b;
  return {
    id: 3,
    ...PREDICTIONS[3],
    rows,
    figure: {
      xTitle: 'block b (0 = input projection)',
      yTitle: 'norm relative to the stream’s end',
      logY: false,
      theoryNote: '1 (the identity), notebook block; the bands have no width.',
      series: [
        bandSeries({ name: '||x_b|| / ||x_0||', sums, count: B + 1, stat: (m, b) => m[b], theory: () => 1, x }),
        bandSeries({
          name: '||dL/dx_b|| / ||dL/dx_B||',
          sums,
          count: B + 1,
          stat: (m, b) => m[B + 1 + b],
          theory: () => 1,
          x,
        }),
      ],
    },
    seeds,
  };
}
