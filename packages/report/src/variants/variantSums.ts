import {
  type Activation,
  type Block,
  type Dout,
  defaultSigmaW2,
  GroupSums,
  type Init,
  type VariantFields,
  type VariantGroup,
} from '@resnet/core';
import { compileExpression } from '@resnet/sweep/expression';
import type { CellRow } from '@resnet/sweep/read';
import { curveLabel } from '../variantFigure.js';

/** The fields of a cell: its axis values, the notebook's default for every axis its grid does not list. */
export function cellFields(c: CellRow): VariantFields {
  const init: Init = c.init ?? 'he';
  const activation: Activation = c.activation ?? 'relu';
  const block: Block = c.block ?? 'notebook';
  const dout: Dout = c.dout ?? 'ones';
  return {
    block,
    init,
    sigmaW2: c.sigmaW2 ?? defaultSigmaW2(init),
    activation,
    outputActivation: c.outputActivation ?? 'relu',
    inputActivation: c.inputActivation ?? activation,
    branchScale: c.branchScale ?? 1,
    ...(c.branchScaleExpr === undefined ? {} : { branchScaleExpr: c.branchScaleExpr }),
    shortcutScale: c.shortcutScale ?? 1,
    dout,
    width: c.width,
    batch: c.batch ?? 1,
  };
}

/**
 * A per-block branch scale (the cell's branchScale is NaN: its expression uses `block`) evaluated at blocks
 * 1..B with the sweep's expression compiler, so core receives numbers; undefined for a single scale.
 */
function branchScales(f: VariantFields, depth: number, B: number): number[] | undefined {
  if (!Number.isNaN(f.branchScale)) return undefined;
  const expr = compileExpression('--branch-scale', f.branchScaleExpr ?? 'NaN');
  const scope = { depth, blocks: B, layers: 2 * B + 2, width: f.width };
  return Array.from({ length: B }, (_, i) => expr({ ...scope, block: i + 1 }));
}

/** Accumulates a sweep's cells, streamed once, into core's per-group sums; memory grows with groups, not cells. */
export class VariantSums {
  /** Groups in the order their first cell came (canonical: arch, variant, depth). */
  readonly groups = new Map<string, VariantGroup>();

  /** @param seedStart the grid's first seed: a cell's seed index (its jackknife group) is seed - seedStart. */
  constructor(private readonly seedStart: number) {}

  /** Adds one cell; depth is the grid's depth value, the cell's own depth the net's. */
  add(c: CellRow, variant: string, depth: number): void {
    const key = `${c.arch}\u0000${variant}\u0000${depth}`;
    let g = this.groups.get(key);
    const B = c.depth;
    if (!g) {
      const fields = cellFields(c);
      const etas = c.arch === 'residual' ? branchScales(fields, depth, B) : undefined;
      g = {
        arch: c.arch,
        variant,
        label: curveLabel(c.arch, variant),
        depth,
        netDepth: B,
        fields: etas ? { ...fields, branchScales: etas } : fields,
        sums: new GroupSums(c.arch === 'plain' ? 3 * B : B + 2),
        logGain: new GroupSums(2),
        dead: 0,
        inputSize: c.inputSize,
        worstZeroBranch: 0,
        cells: 0,
      };
      this.groups.set(key, g);
    }
    const row = new Float64Array(g.sums.size);
    const seed = c.seed - this.seedStart;
    if (c.arch === 'plain') {
      for (let l = 0; l < B; l++) {
        row[l] = c.actNorms[l]! ** 2;
        row[B + l] = c.signalNorms[l]! ** 2;
        row[2 * B + l] = c.layerGradNorms[l]! ** 2;
      }
      const v = 2 * Math.log(c.actNorms[B - 1]! / c.xNorm);
      if (Number.isFinite(v)) g.logGain.add(seed, [v, v * v]);
      else g.dead++;
    } else {
      for (let b = 0; b <= B; b++) row[b] = c.actNorms[b]! ** 2;
      zeroBranchError(g, c);
      // A dead input projection (x_0 = 0, so x_b = 0 at every block) has no growth: left out of the sums.
      if (row[0] === 0) {
        g.cells++;
        return;
      }
      row[B + 1] = Math.log(row[B]! / row[0]!) / (2 * B);
    }
    g.sums.add(seed, row);
    g.cells++;
  }
}

/** Updates the group's largest relative error of ||x_b|| against |lambda|^b ||x_0|| (0 = 0 holds exactly). */
function zeroBranchError(g: VariantGroup, c: CellRow): void {
  const lambda = Math.abs(g.fields.shortcutScale);
  const x0 = c.actNorms[0]!;
  for (let b = 0; b <= c.depth; b++) {
    const want = lambda ** b * x0;
    const got = c.actNorms[b]!;
    const err = got === want ? 0 : want === 0 ? Math.abs(got) : Math.abs(got - want) / want;
    // NaN (a non-finite cell) counts as the worst error.
    g.worstZeroBranch = Number.isNaN(err) ? Infinity : Math.max(g.worstZeroBranch, err);
  }
}
