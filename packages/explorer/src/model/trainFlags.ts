import { OPTIMIZERS, OptionsError, SCHEDULES, TRAIN_ARCHS, resolveTrainOptions, type TrainOptions } from '@resnet/core';
import { GridError, parseDepths, parseSeeds } from '@resnet/sweep/browser';
import { intFlag } from './grid.js';
import type { TrainFlag } from './flags.js';

/** The training tab's run: one net per arch, the same options (core's TrainOptions) but the arch. */
export interface PageTraining {
  options: Omit<TrainOptions, 'arch'>;
  /** `resnet train --limit`: the first rows of the split, or null for all. */
  limit: number | null;
  /** Seeds the flag listed beyond the first (the page trains the first): 0 when it named one. */
  extraSeeds: number;
}

const num = (flag: string, text: string): number => {
  const v = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(v) || v < 0) throw new GridError(flag, text, 'a finite number >= 0');
  return v;
};

const oneOf = <T extends string>(flag: string, text: string, accepted: readonly T[]): T => {
  if (!accepted.includes(text as T)) throw new GridError(flag, text, `one of ${accepted.join(', ')}`);
  return text as T;
};

/** Core's option fields -> the flag that sets them (as apps/cli trainFlags.ts), so an OptionsError names the flag. */
const FLAG_OF_FIELD: Record<string, string> = {
  depth: '--depths',
  seed: '--seeds',
  width: '--width',
  batchSize: '--batch-size',
  lr: '--lr',
};

/** The training flags as `resnet train` reads them (its parsers and core's rules), for one depth and one seed. */
export function trainFromFlags(t: Readonly<Record<TrainFlag, string>>): PageTraining {
  const depths = parseDepths(t.depths);
  if (depths.length !== 1) throw new GridError('--depths', t.depths, 'one depth in the page (both nets get it)');
  const seeds = parseSeeds(t.seeds);
  const branch = t['branch-scale'].trim();
  const options: Omit<TrainOptions, 'arch'> = {
    depth: depths[0]!,
    seed: seeds.start,
    epochs: intFlag('--epochs', t.epochs, 1, 100_000),
    width: intFlag('--width', t.width, 1, 65_536),
    batchSize: intFlag('--batch-size', t['batch-size'], 1),
    lr: num('--lr', t.lr),
    optimizer: oneOf('--optimizer', t.optimizer, OPTIMIZERS),
    schedule: oneOf('--schedule', t.schedule, SCHEDULES),
    batchNorm: oneOf('--batch-norm', t['batch-norm'], ['true', 'false']) === 'true',
    branchScale: branch === 'invSqrtBlocks' ? 'invSqrtBlocks' : num('--branch-scale', branch),
  };
  try {
    for (const arch of TRAIN_ARCHS) resolveTrainOptions({ ...options, arch });
  } catch (e) {
    if (!(e instanceof OptionsError) || !FLAG_OF_FIELD[e.option]) throw e;
    throw new GridError(FLAG_OF_FIELD[e.option]!, String(e.received), e.expected);
  }
  return { options, limit: t.limit === '' ? null : intFlag('--limit', t.limit, 1), extraSeeds: seeds.count - 1 };
}
