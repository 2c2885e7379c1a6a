import type { TrainArch } from '@resnet/core';
import type { Shard } from '../shard.js';

/** One training run of the grid: its canonical index k and coordinates. */
export interface RunCoords {
  k: number;
  arch: TrainArch;
  depth: number;
  seed: number;
}

/**
 * Where each run goes. Canonical order is seed-major like a sweep's cells: k = seedIndex x G + g,
 * g = archIndex x depthCount + depthIndex. A shard holds runs [floor((i-1)R/n), floor(iR/n)).
 * Inside a folder, runs are dispatched in `order`: deepest first (ties by k), so the longest runs
 * start first; each is journalled as it finishes.
 */
export interface TrainPlan {
  archs: TrainArch[];
  depths: number[];
  seeds: { start: number; count: number };
  /** Runs of the whole grid. */
  runCount: number;
  /** This folder's canonical range [firstRun, lastRun). */
  firstRun: number;
  lastRun: number;
  /** The folder's canonical run indices in dispatch order (deepest first, ties by k). */
  order: number[];
}

/** The plan of a grid (and shard). */
export function createTrainPlan(
  archs: TrainArch[],
  depths: number[],
  seeds: { start: number; count: number },
  shard: Shard | null,
): TrainPlan {
  const runCount = archs.length * depths.length * seeds.count;
  const firstRun = shard ? Math.floor(((shard.index - 1) * runCount) / shard.count) : 0;
  const lastRun = shard ? Math.floor((shard.index * runCount) / shard.count) : runCount;
  const plan: TrainPlan = { archs, depths, seeds, runCount, firstRun, lastRun, order: [] };
  const ks = Array.from({ length: lastRun - firstRun }, (_, i) => firstRun + i);
  plan.order = ks.sort((a, b) => runAt(plan, b).depth - runAt(plan, a).depth || a - b);
  return plan;
}

/** The coordinates of canonical run k. */
export function runAt(plan: Pick<TrainPlan, 'archs' | 'depths' | 'seeds'>, k: number): RunCoords {
  const groups = plan.archs.length * plan.depths.length;
  const g = k % groups;
  return {
    k,
    arch: plan.archs[Math.floor(g / plan.depths.length)]!,
    depth: plan.depths[g % plan.depths.length]!,
    seed: plan.seeds.start + Math.floor(k / groups),
  };
}

/** Optimiser steps of one run: ceil(trainCount / min(batchSize, trainCount)) per epoch. */
export function stepsPerRun(trainCount: number, batchSize: number, epochs: number): number {
  return Math.ceil(trainCount / Math.min(batchSize, trainCount)) * epochs;
}
