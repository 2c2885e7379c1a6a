import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Dataset } from '@resnet/core';
import { packageVersions, type ManifestFile } from '../folder/manifest.js';
import type { CellFormat } from '../folder/names.js';
import type { Shard } from '../shard.js';
import type { ResolvedTrainSweepOptions } from './options.js';
import { TRAIN_FORMAT } from './names.js';

/** The data of a training folder as its manifest records it (crc32 over x then y of train, then of test). */
export interface TrainDataInfo {
  name: string;
  train: number;
  test: number;
  features: number;
  classes: number;
  crc32: string;
}

/** The grid of a training folder. */
export interface TrainGrid {
  archs: string[];
  depths: number[];
  seeds: { start: number; count: number };
}

/** What a training folder computes: equal identities may share a folder (resume); unequal ones never mix. */
export interface TrainIdentity {
  format: string;
  grid: TrainGrid;
  /** Every run option but arch, depth and seed (branchScale as given: a number or `invSqrtBlocks`). */
  options: Record<string, unknown>;
  data: TrainDataInfo;
  configHash: string;
  shard: Shard | null;
  /** Formats of the runs files, in the order given (`parquet`: runs.parquet, `jsonl`: runs.jsonl). */
  formats: CellFormat[];
  versions: Record<string, string>;
}

/** manifest.json of a training folder (`resnet-train/1`), keys in this order. */
export interface TrainManifest extends TrainIdentity {
  /** Runs in the folder (the shard's, or the grid's). */
  runCount: number;
  /** Runs of the grid (`count`) and the canonical range [first, last) held here. */
  blocks: { count: number; first: number; last: number };
  /** Optimiser steps of the folder's runs. */
  steps: number;
  /** Runs whose final train loss is NaN or infinite. */
  nonFinite: number;
  files: Record<string, ManifestFile>;
  command?: string;
  run: Record<string, unknown>;
}

/** The data's record: sizes and a crc32 of its bytes, so a folder never mixes runs on different data. */
export function dataInfo(name: string, train: Dataset, test: Dataset | null): TrainDataInfo {
  let c = 0;
  for (const ds of test ? [train, test] : [train]) {
    c = crc32(new Uint8Array(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength), c);
    c = crc32(new Uint8Array(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength), c);
  }
  return {
    name,
    train: train.count,
    test: test?.count ?? 0,
    features: train.features,
    classes: train.classes,
    crc32: (c >>> 0).toString(16).padStart(8, '0'),
  };
}

/** sha256 (hex) of JSON.stringify({grid, options, data}). Shards of one grid share it. */
export function trainConfigHash(grid: TrainGrid, options: Record<string, unknown>, data: TrainDataInfo): string {
  return createHash('sha256').update(JSON.stringify({ grid, options, data })).digest('hex');
}

/** The identity of a training sweep, with the installed package versions. */
export function trainIdentity(o: ResolvedTrainSweepOptions): TrainIdentity {
  const grid: TrainGrid = { archs: [...o.archs], depths: [...o.depths], seeds: { ...o.seeds } };
  const options = { ...o.train } as Record<string, unknown>;
  const data = dataInfo(o.data.name, o.data.train, o.data.test);
  return {
    format: TRAIN_FORMAT,
    grid,
    options,
    data,
    configHash: trainConfigHash(grid, options, data),
    shard: o.shard,
    formats: [...o.formats],
    versions: packageVersions(),
  };
}

/** Differences between a folder's identity and a requested one, one line each (empty when they match). */
export function trainDifferences(
  folder: Partial<TrainIdentity> | null,
  requested: TrainIdentity,
  labels = ['folder has', 'requested'],
): string[] {
  const out: string[] = [];
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${field}: ${labels[0]} ${JSON.stringify(a) ?? 'none'}, ${labels[1]} ${JSON.stringify(b)}`);
  };
  cmp('format', folder?.format, requested.format);
  cmp('--archs', folder?.grid?.archs, requested.grid.archs);
  cmp('--depths', folder?.grid?.depths, requested.grid.depths);
  cmp('--seeds', folder?.grid?.seeds, requested.grid.seeds);
  const keys = new Set([...Object.keys(folder?.options ?? {}), ...Object.keys(requested.options)]);
  for (const key of keys) cmp(`options.${key}`, folder?.options?.[key], requested.options[key]);
  cmp('data', folder?.data, requested.data);
  cmp('--shard', folder?.shard, requested.shard);
  cmp('--format', folder?.formats, requested.formats);
  cmp('@resnet/core version', folder?.versions?.['@resnet/core'], requested.versions['@resnet/core']);
  return out;
}

/** Builds manifest.json's object in its documented key order. */
export function buildTrainManifest(id: TrainIdentity, body: Omit<TrainManifest, keyof TrainIdentity>): TrainManifest {
  return {
    format: id.format,
    grid: id.grid,
    options: id.options,
    data: id.data,
    configHash: id.configHash,
    runCount: body.runCount,
    shard: id.shard,
    formats: id.formats,
    blocks: body.blocks,
    steps: body.steps,
    nonFinite: body.nonFinite,
    versions: id.versions,
    files: body.files,
    ...(body.command === undefined ? {} : { command: body.command }),
    run: body.run,
  };
}
