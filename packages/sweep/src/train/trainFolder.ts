import { createHash } from 'node:crypto';
import type { Dataset } from '@resnet/core';
import { axisFlag, jobAxes, type SweepAxes } from '../axes.js';
import { crc, crcHex } from '../folder/checksum.js';
import { differenceList } from '../folder/differences.js';
import {
  pickKeys,
  type Differences,
  type FolderFormat,
  type FolderIdentity,
  type ManifestBase,
} from '../folder/format.js';
import { readFolderManifest } from '../folder/manifest.js';
import { OLDER_TRAIN_FORMATS, RUN_FILES, SUMMARY_CSV, TRAIN_FORMAT } from '../folder/names.js';

// The training folder's format (`resnet-train/2`, docs/sweep-format.md "Training folders"): identity, manifest, files.

/** The data of a training folder as its manifest records it (crc32 over x then y of train, then of test). */
export interface TrainDataInfo {
  name: string;
  train: number;
  test: number;
  features: number;
  classes: number;
  crc32: string;
}

/** The grid of a training folder: `axes` only when an axis lists several values or the depth unit is not `layers`. */
export interface TrainGrid {
  archs: string[];
  depths: number[];
  seeds: { start: number; count: number };
  axes?: SweepAxes;
}

/** What a training folder computes: equal identities may share a folder (resume); unequal ones never mix. */
export interface TrainIdentity extends FolderIdentity {
  grid: TrainGrid;
  /** Every run option but arch, depth, seed and the listed axes (a single-valued axis as given: a number, `invSqrtBlocks`, an expression). */
  options: Record<string, unknown>;
  data: TrainDataInfo;
}

/** manifest.json of a training folder (`resnet-train/2`). */
export interface TrainManifest extends TrainIdentity, ManifestBase {
  /** Runs in the folder (the shard's, or the grid's). */
  runCount: number;
  /** Optimiser steps of the folder's runs. */
  steps: number;
}

/** The data's record: sizes and a crc32 of its bytes, so a folder never mixes runs on different data. */
export function dataInfo(name: string, train: Dataset, test: Dataset | null): TrainDataInfo {
  let c = 0;
  for (const ds of test ? [train, test] : [train]) {
    c = crc(new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength), c);
    c = crc(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength), c);
  }
  return {
    name,
    train: train.count,
    test: test?.count ?? 0,
    features: train.features,
    classes: train.classes,
    crc32: crcHex(c),
  };
}

/** sha256 (hex) of JSON.stringify({grid, options, data}). Shards of one grid share it. */
export function trainConfigHash(grid: TrainGrid, options: Record<string, unknown>, data: TrainDataInfo): string {
  return createHash('sha256').update(JSON.stringify({ grid, options, data })).digest('hex');
}

/** Differences between a folder's identity and a requested one, one line each (empty when they match). */
export const trainDifferences: Differences<TrainIdentity> = (folder, requested, labels) => {
  const { lines, compare } = differenceList(labels);
  compare('format', folder?.format, requested.format);
  compare('--archs', folder?.grid?.archs, requested.grid.archs);
  compare('--depths', folder?.grid?.depths, requested.grid.depths);
  compare('--seeds', folder?.grid?.seeds, requested.grid.seeds);
  for (const a of jobAxes('train')) compare(axisFlag(a), folder?.grid?.axes?.[a.name], requested.grid.axes?.[a.name]);
  compare('--depth-unit', folder?.grid?.axes?.depthUnit, requested.grid.axes?.depthUnit);
  const keys = new Set([...Object.keys(folder?.options ?? {}), ...Object.keys(requested.options)]);
  for (const key of keys) compare(`options.${key}`, folder?.options?.[key], requested.options[key]);
  compare('data', folder?.data, requested.data);
  compare('--shard', folder?.shard, requested.shard);
  compare('--format', folder?.formats, requested.formats);
  compare('@resnet/core version', folder?.versions?.['@resnet/core'], requested.versions['@resnet/core']);
  return lines;
};

/** The training folder format: `resnet-train/2`. */
export const TRAIN_FOLDER: FolderFormat<TrainIdentity, TrainManifest> = {
  tag: TRAIN_FORMAT,
  older: OLDER_TRAIN_FORMATS,
  words: { kind: 'training', command: 'train', items: 'runs', item: 'run' },
  outputs: (formats) => [...formats.map((f) => RUN_FILES[f]), SUMMARY_CSV],
  identity: (m) => pickKeys(m, 'format grid options data configHash shard formats versions'),
  manifest: (id, b) => {
    const { nonFinite } = b.fields;
    const steps = Number(b.fields['steps']);
    const all = {
      ...id,
      runCount: b.rows,
      steps,
      nonFinite,
      blocks: b.blocks,
      files: b.files,
      command: b.command,
      run: b.run,
    };
    return pickKeys(
      all,
      'format grid options data configHash runCount shard formats blocks steps nonFinite versions files command run',
    );
  },
  rows: (m) => m.runCount,
  differences: trainDifferences,
};

/** Reads manifest.json of a training folder: null when there is none; refuses any other format. */
export function readTrainManifest(folder: string): TrainManifest | null {
  return readFolderManifest(folder, TRAIN_FOLDER);
}
