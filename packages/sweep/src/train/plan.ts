import {
  depthFor,
  kDefaultTrainOptions,
  weightLayerCount,
  type DepthUnit,
  type TrainArch,
  type TrainOptions,
} from '@resnet/core';
import { DEFAULT_DEPTH_UNIT, isNumeric, jobAxes, type SweepAxes } from '../axes.js';
import { axisColumns, variantLabel } from '../axisColumns.js';
import { expressionScope, numericAxisValue } from '../groupCell.js';
import type { Shard } from '../shard.js';
import { shardUnits } from '../units.js';
import { appliesTo, variantsFor, type Variant } from '../variants.js';

/** Training options of a run but its coordinates (arch, depth and seed come from the grid). */
export type RunOptions = Omit<TrainOptions, 'arch' | 'depth' | 'seed'>;

/** The depth unit of `resnet train` when none is given: every depth counts weight layers. */
export const TRAIN_DEPTH_UNIT: DepthUnit = DEFAULT_DEPTH_UNIT.train;

/** One group of a training grid: an (arch, variant, depth) and the options its runs train with. */
export interface TrainGroup {
  arch: TrainArch;
  /** The depth value in the grid's depth unit (summary.csv's `depth`). */
  gridDepth: number;
  /** Weight layers of the net (a run's `depth`). */
  layers: number;
  /** Every run option but arch, depth and seed, the axes resolved at this net (branchScale a number or `invSqrtBlocks`). */
  options: RunOptions;
  /** The variant's label (`eta=1/sqrt(blocks)`); '' without axes. */
  label: string;
  /** Its axis columns' values (summary.csv's, by column name); null where the axis does not apply to the net. */
  values: Record<string, string | number | null>;
}

/** One training run of the grid: its canonical index k and coordinates (`variant`: its label, in a grid with axes). */
export interface RunCoords {
  k: number;
  arch: TrainArch;
  /** Weight layers. */
  depth: number;
  seed: number;
  variant?: string;
}

/**
 * Where each run goes. Canonical order is seed-major like a sweep's cells: k = seedIndex x G + g, the
 * groups g being archs (in order) x their variants (the train axes that apply, in axis order) x depths.
 * A run is one unit of work; shard i of n holds runs [floor((i-1)R/n), floor(iR/n)). Inside a folder,
 * runs are dispatched in `order`: deepest first (ties by k), so the longest runs start first.
 */
export interface TrainPlan {
  archs: TrainArch[];
  depths: number[];
  seeds: { start: number; count: number };
  groups: TrainGroup[];
  /** Runs of the whole grid. */
  runCount: number;
  /** This folder's canonical range [firstRun, lastRun). */
  firstRun: number;
  lastRun: number;
  /** The folder's canonical run indices in dispatch order (deepest first, ties by k). */
  order: number[];
}

/** The weight layers of a training net at a depth value in a unit (`layers`: the value; others through core's depthFor). */
export function trainLayers(arch: TrainArch, unit: DepthUnit, value: number): number {
  return unit === TRAIN_DEPTH_UNIT ? value : weightLayerCount(arch, depthFor({ arch, unit, value }));
}

/** The group of (arch, variant, depth value): its net's layers, its options with the axes resolved, its label and columns. */
function trainGroup(
  arch: TrainArch,
  variant: Variant,
  gridDepth: number,
  options: RunOptions,
  axes?: SweepAxes,
): TrainGroup {
  const layers = trainLayers(arch, axes?.depthUnit ?? TRAIN_DEPTH_UNIT, gridDepth);
  const run: Record<string, unknown> = { ...options };
  const scope = expressionScope(gridDepth, layers, options.width ?? kDefaultTrainOptions.width);
  for (const a of jobAxes('train')) {
    const field = a.jobs.train!;
    const v = variant[a.name] ?? (run[field] as string | number | undefined);
    if (v === undefined) continue;
    // core takes numbers and `invSqrtBlocks` itself; other text is an expression of the net (one value per net),
    // left to core's default on a net the axis does not apply to (a plain net's branch scale).
    if (typeof v !== 'string' || v === 'invSqrtBlocks' || !isNumeric(a)) run[field] = v;
    else if (appliesTo(a, arch)) run[field] = numericAxisValue(a, v, scope, `${arch} depth ${gridDepth}`, 0, 'train');
    else delete run[field];
  }
  const values: Record<string, string | number | null> = {};
  for (const c of axisColumns(axes, 'summary')) {
    const a = jobAxes('train').find((x) => x.name === c.axis);
    if (c.axis === 'depthUnit') values[c.name] = axes!.depthUnit!;
    else if (!a || !appliesTo(a, arch)) values[c.name] = null;
    else values[c.name] = c.expr ? String(variant[a.name]) : (run[a.jobs.train!] as number);
  }
  return { arch, gridDepth, layers, options: run as RunOptions, label: axes ? variantLabel(values, axes) : '', values };
}

/** The plan of a grid (and shard); `axes` lists the train axes with several values, and the depth unit. */
export function createTrainPlan(
  archs: TrainArch[],
  depths: number[],
  seeds: { start: number; count: number },
  shard: Shard | null,
  axes?: SweepAxes,
  options: RunOptions = {},
): TrainPlan {
  const groups = archs.flatMap((arch) =>
    variantsFor(axes, arch).flatMap((variant) => depths.map((d) => trainGroup(arch, variant, d, options, axes))),
  );
  const runCount = groups.length * seeds.count;
  const { first, last } = shard ? shardUnits(runCount, shard.index, shard.count) : { first: 0, last: runCount };
  const plan: TrainPlan = { archs, depths, seeds, groups, runCount, firstRun: first, lastRun: last, order: [] };
  const ks = Array.from({ length: last - first }, (_, i) => first + i);
  plan.order = ks.sort((a, b) => groupOf(plan, b).layers - groupOf(plan, a).layers || a - b);
  return plan;
}

/** The group of canonical run k. */
export function groupOf(plan: Pick<TrainPlan, 'groups'>, k: number): TrainGroup {
  return plan.groups[k % plan.groups.length]!;
}

/** The coordinates of canonical run k. */
export function runAt(plan: Pick<TrainPlan, 'groups' | 'seeds'>, k: number): RunCoords {
  const g = groupOf(plan, k);
  const seed = plan.seeds.start + Math.floor(k / plan.groups.length);
  return { k, arch: g.arch, depth: g.layers, seed, ...(g.label ? { variant: g.label } : {}) };
}

/** Optimiser steps of one run: ceil(trainCount / min(batchSize, trainCount)) per epoch. */
export function stepsPerRun(trainCount: number, batchSize: number, epochs: number): number {
  return Math.ceil(trainCount / Math.min(batchSize, trainCount)) * epochs;
}
