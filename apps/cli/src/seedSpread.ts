import type * as Core from '@resnet/core';

/** How the notebook's one-seed "ResNet is N x better" spreads over seeds, each cell with its own RandomState(seed). */
export interface SeedSpread {
  /** Depth compared (the notebook's: 10 plain layers against 10 residual blocks). */
  depth: number;
  /** Seeds 0..seeds-1. */
  seeds: number;
  /** Quantiles (numpy's linear interpolation) of plain ratio / residual ratio over the finite values. */
  p5: number;
  median: number;
  p95: number;
  /** Seeds where the ResNet's ratio is the smaller one (it "keeps gradients flowing better"). */
  resnetBetter: number;
}

/** The improvement plain.ratio / residual.ratio for seeds 0..seeds-1 at one depth, summarised. */
export function seedSpread(core: typeof Core, depth = 10, seeds = 100): SeedSpread {
  const improvements: number[] = [];
  for (let seed = 0; seed < seeds; seed++) {
    const plain = core.runCell({ arch: 'plain', depth, seed }).ratio;
    const residual = core.runCell({ arch: 'residual', depth, seed }).ratio;
    improvements.push(plain / residual);
  }
  const stats = core.summaryStats(improvements);
  return {
    depth,
    seeds,
    p5: stats.p5,
    median: stats.median,
    p95: stats.p95,
    resnetBetter: improvements.filter((x) => x > 1).length,
  };
}

/** "0.31x" / "12x": two significant digits, as the caveat prints them. */
export const formatFactor = (x: number) => `${Number(x.toPrecision(2))}x`;

/** The caveat that follows the notebook's one-seed claim, on the same line. */
export function spreadCaveat(s: SeedSpread): string {
  return (
    `(one seed; over seeds 0-${s.seeds - 1} at depth ${s.depth} this ratio's 5-95% range is ` +
    `${formatFactor(s.p5)}-${formatFactor(s.p95)}: run \`resnet sweep\` for the distribution)`
  );
}
