import { GroupSums, defaultSigmaW2, type Activation, type Arch, type Block, type Dout, type Init } from '@resnet/core';
import type { CellRow } from '@resnet/sweep/read';

/** A variant's network fields as its cells ran them (every default filled in, numeric axes resolved at the cell's depth). */
export interface VariantFields {
  block: Block;
  init: Init;
  sigmaW2: number;
  activation: Activation;
  outputActivation: Activation;
  inputActivation: Activation;
  branchScale: number;
  /** The branch scale's expression text when the grid gave one (a per-block one leaves branchScale NaN). */
  branchScaleExpr?: string;
  shortcutScale: number;
  dout: Dout;
  width: number;
  /** Inputs per cell (core's CellSpec.batch; norms Frobenius over the batch). */
  batch: number;
}

/**
 * One (arch, variant, depth) group's per-seed sums (core/theory's GroupSums: jackknife over seed groups).
 * Plain nets (L layers): ||h_l||^2 at [l], ||delta_l||^2 at [L + l], ||dW_l||^2 at [2L + l] (as core's plainRuns).
 * Residual nets (B blocks): ||x_b||^2 at [b] for b = 0..B, ln(||x_B|| / ||x_0||) / B at [B + 1].
 */
export interface VariantGroup {
  arch: Arch;
  /** The variant's label (@resnet/sweep's variantLabel). */
  variant: string;
  /** The grid's depth value (in its unit). */
  depth: number;
  /** The net's own depth: plain weight layers, residual blocks. */
  netDepth: number;
  fields: VariantFields;
  sums: GroupSums;
  /** Plain nets: per seed [v, v^2], v = ln(||output||^2 / ||x||^2) (prediction 5); seeds with a dead net are counted in `dead`, not added. */
  logGain: GroupSums;
  dead: number;
  /** Input size (the output layer's width). */
  inputSize: number;
  /** Largest relative error of ||x_b|| against |lambda|^b ||x_0|| over the group's cells and blocks (residual only). */
  worstZeroBranch: number;
  /** Cells added. */
  cells: number;
}

/** The fields of a cell: its axis values, the notebook's default for every axis its grid does not list. */
export function cellFields(c: CellRow): VariantFields {
  const init = c.init ?? 'he';
  const activation = c.activation ?? 'relu';
  return {
    block: c.block ?? 'notebook',
    init,
    sigmaW2: c.sigmaW2 ?? defaultSigmaW2(init),
    activation,
    outputActivation: c.outputActivation ?? 'relu',
    inputActivation: c.inputActivation ?? activation,
    branchScale: c.branchScale ?? 1,
    branchScaleExpr: c.branchScaleExpr,
    shortcutScale: c.shortcutScale ?? 1,
    dout: c.dout ?? 'ones',
    width: c.width,
    batch: c.batch ?? 1,
  };
}

/** Accumulates a sweep's cells, streamed once, into per-group sums; memory grows with groups, not cells. */
export class VariantSums {
  /** Groups in the order their first cell came (canonical: arch, variant, depth). */
  readonly groups = new Map<string, VariantGroup>();

  /** @param seedStart the grid's first seed: a cell's seed index (its jackknife group) is seed - seedStart. */
  constructor(private readonly seedStart: number) {}

  /** Adds one cell; depth is the grid's depth value, netDepth the net's. */
  add(c: CellRow, variant: string, depth: number): void {
    const key = `${c.arch}\u0000${variant}\u0000${depth}`;
    let g = this.groups.get(key);
    const B = c.depth;
    if (!g) {
      const size = c.arch === 'plain' ? 3 * B : B + 2;
      g = {
        arch: c.arch,
        variant,
        depth,
        netDepth: B,
        fields: cellFields(c),
        sums: new GroupSums(size),
        logGain: new GroupSums(2),
        dead: 0,
        inputSize: c.inputSize,
        worstZeroBranch: 0,
        cells: 0,
      };
      this.groups.set(key, g);
    }
    const row = new Float64Array(g.sums.size);
    if (c.arch === 'plain') {
      for (let l = 0; l < B; l++) {
        row[l] = c.actNorms[l]! ** 2;
        row[B + l] = c.signalNorms[l]! ** 2;
        row[2 * B + l] = c.layerGradNorms[l]! ** 2;
      }
      const v = 2 * Math.log(c.actNorms[B - 1]! / c.xNorm);
      if (Number.isFinite(v)) g.logGain.add(c.seed - this.seedStart, [v, v * v]);
      else g.dead++;
    } else {
      for (let b = 0; b <= B; b++) row[b] = c.actNorms[b]! ** 2;
      row[B + 1] = Math.log(row[B]! / row[0]!) / (2 * B);
      const lambda = Math.abs(g.fields.shortcutScale);
      const x0 = c.actNorms[0]!;
      for (let b = 0; b <= B; b++) {
        const want = lambda ** b * x0;
        const err = want === 0 ? Math.abs(c.actNorms[b]!) : Math.abs(c.actNorms[b]! - want) / want;
        // NaN (a non-finite cell) counts as the worst error.
        g.worstZeroBranch = Number.isNaN(err) ? Infinity : Math.max(g.worstZeroBranch, err);
      }
    }
    g.sums.add(c.seed - this.seedStart, row);
    g.cells++;
  }
}
