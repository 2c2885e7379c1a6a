import type { Shard } from '../shard.js';
import type { OutputFormat } from './names.js';

/** Size and crc32 (8 hex digits) of a published file. */
export interface ManifestFile {
  bytes: number;
  crc32: string;
}

/** What every job's identity holds; equal identities may share a folder (resume), unequal ones never mix. */
export interface FolderIdentity {
  format: string;
  configHash: string;
  /** This folder's shard of the grid, or null for the whole grid (shards of one grid differ only here). */
  shard: Shard | null;
  /** Output formats of the rows files, in the order given. */
  formats: OutputFormat[];
  versions: Record<string, string>;
}

/** The manifest fields every job folder has beyond its identity. */
export interface ManifestBase {
  /** The grid's units of work (`count`) and the range [first, last) this folder holds. */
  blocks: { count: number; first: number; last: number };
  /** Rows (cells, runs) with a non-finite value. */
  nonFinite: number;
  /** Every published file but manifest.json: size and crc32. */
  files: Record<string, ManifestFile>;
  command?: string;
  run: Record<string, unknown>;
}

/** What a job's manifest.json holds beyond its identity. */
export interface ManifestBody {
  /** Rows in the folder (cells, runs). */
  rows: number;
  blocks: ManifestBase['blocks'];
  /** Fields the summary gives: `nonFinite`, and any of the job's own (training: `steps`). */
  fields: { nonFinite: number } & Record<string, unknown>;
  files: ManifestBase['files'];
  command: string | undefined;
  run: Record<string, unknown>;
}

/** Words a folder's messages use for it. */
export interface FolderWords {
  /** "sweep", "training": `not a sweep folder`, `another resnet sweep`. */
  kind: string;
  /** The CLI command that writes it: `rerun its sweep command`. */
  command: string;
  /** Its rows, plural and singular: "cells", "cell". */
  items: string;
  item: string;
}

/**
 * A folder format: its tag, the files it may hold, manifest.json's keys and how two identities are
 * compared. The folder module (read, verify, inspect, resume, merge) works for any format through it;
 * every name read from disk is checked against `files` before anything touches it.
 */
export interface FolderFormat<
  Id extends FolderIdentity = FolderIdentity,
  M extends Id & ManifestBase = Id & ManifestBase,
> {
  /** manifest.json `format`. */
  tag: string;
  /** Earlier tags of this kind of folder (refused as made by an older version). */
  older: readonly string[];
  words: FolderWords;
  /** The published files of a folder of these output formats, in manifest order (manifest.json aside). */
  outputs(formats: readonly OutputFormat[]): string[];
  /** The identity a manifest records, keys in their documented order (resume config.json's too). */
  identity(manifest: M): Id;
  /** manifest.json's object from the identity and the rest, keys in their documented order. */
  manifest(identity: Id, body: ManifestBody): M;
  /** The rows (cells, runs) a manifest says the folder holds (unchecked: it is read from disk). */
  rows(manifest: M): unknown;
  /** Differences between a folder's identity and a requested one, one line each, flags named (empty when equal). */
  differences(folder: Partial<Id> | null, requested: Id, labels?: readonly [string, string]): string[];
}

/** Differences between a folder's identity and a requested one, one line each (labels replace `folder has`, `requested`). */
export type Differences<Id> = (
  folder: Partial<Id> | null,
  requested: Id,
  labels?: readonly [string, string],
) => string[];

/** Every file name a folder of this format may publish (any output formats), manifest.json aside. */
export function formatFiles(format: Pick<FolderFormat, 'outputs'>): string[] {
  return format.outputs(['parquet', 'jsonl']);
}

/** The words of a space-separated list, as a union type. */
type Words<S extends string> = S extends `${infer H} ${infer T}` ? H | Words<T> : S;

/**
 * `value`'s fields named in `keys` (space-separated), in that order; undefined ones left out. Typed: the
 * result has exactly the named fields, so a key left out or misspelled fails to compile where it is used.
 */
export function pickKeys<T extends object, S extends string>(value: T, keys: S): Pick<T, Words<S> & keyof T> {
  const fields = new Map<string, unknown>(Object.entries(value));
  const named = keys.split(' ').filter((k) => fields.get(k) !== undefined);
  return Object.fromEntries(named.map((k) => [k, fields.get(k)])) as Pick<T, Words<S> & keyof T>;
}
