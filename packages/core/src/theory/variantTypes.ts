import type { Dout } from '../cellLayout.js';
import type { Activation, Arch, Block, Init } from '../config.js';
import type { GroupSums } from './jackknife.js';
import type { PredictionResult, TheoryRow } from './types.js';

/** A variant's network fields as its cells ran them (every default filled in, numeric axes resolved at the cell's depth). */
export interface VariantFields {
  block: Block;
  init: Init;
  sigmaW2: number;
  activation: Activation;
  outputActivation: Activation;
  inputActivation: Activation;
  /** The branch scale; NaN when a per-block expression gave each block its own (branchScales then holds them). */
  branchScale: number;
  /** The branch scale's expression text when the grid gave one. */
  branchScaleExpr?: string;
  /** A per-block branch scale: eta_b for blocks b = 1..B at this group's depth, evaluated by the caller. */
  branchScales?: readonly number[];
  shortcutScale: number;
  dout: Dout;
  width: number;
  /** Inputs per cell (core's CellSpec.batch; norms Frobenius over the batch). */
  batch: number;
}

/**
 * One (arch, variant, depth) group of a sweep's cells as per-seed sums (GroupSums: jackknife over seed groups).
 * Plain nets (L layers): ||h_l||^2 at [l], ||delta_l||^2 at [L + l], ||dW_l||^2 at [2L + l] (plainLaws' layout).
 * Residual nets (B blocks): ||x_b||^2 at [b] for b = 0..B, ln(||x_B|| / ||x_0||) / B at [B + 1] (streamLaws').
 */
export interface VariantGroup {
  arch: Arch;
  /** The variant's label (the sweep's variantLabel). */
  variant: string;
  /** The curve's label, `arch: variant` (or the arch alone): one colour in every figure of a report. */
  label: string;
  /** The grid's depth value (in its unit). */
  depth: number;
  /** The net's own depth: plain weight layers, residual blocks. */
  netDepth: number;
  fields: VariantFields;
  sums: GroupSums;
  /** Plain nets: per seed [v, v^2], v = ln(||output||^2 / ||x||^2) (prediction 5); a dead net is counted in `dead`. */
  logGain: GroupSums;
  dead: number;
  /** Input size (the output layer's width). */
  inputSize: number;
  /** Largest relative error of ||x_b|| against |lambda|^b ||x_0|| over the group's cells and blocks (residual only). */
  worstZeroBranch: number;
  /** Cells added. */
  cells: number;
}

/** A row of a sweep's agreement table: a theory row, and the (arch, variant) and depth it was measured at. */
export interface VariantTheoryRow extends TheoryRow {
  arch: string;
  variant: string;
  /** `arch: variant`. */
  label: string;
  /** The grid's depth value the row's cells have. */
  depth: number;
}

/** A prediction measured on one (arch, variant) of a sweep: its figure's data, for that variant. */
export interface VariantPrediction extends Pick<PredictionResult, 'title' | 'source' | 'figure' | 'seeds'> {
  /** `arch: variant`, or `plain` for a figure over several variants. */
  label: string;
  /** The prediction (1 to 5). */
  prediction: number;
  /** What the figure shows, e.g. `stream growth against depth`: the figures of one kind are drawn as one, every variant a series. */
  kind: string;
  /** Ids of the table rows the figure shows (with their labels). */
  rows: { id: string; label: string }[];
}

/** The variants section's theory: rows, figure data per applicable prediction, and what the grid lacks. */
export interface VariantTheory {
  rows: VariantTheoryRow[];
  predictions: VariantPrediction[];
  /** Per (arch, variant) label, what it would take to test a prediction it does not (flags to add), in words. */
  notes: { label: string; note: string }[];
}

/** The row of group g, with its (arch, variant, depth) attached. */
export function variantRow(g: VariantGroup, r: TheoryRow): VariantTheoryRow {
  return { ...r, arch: g.arch, variant: g.variant, label: g.label, depth: g.depth };
}
