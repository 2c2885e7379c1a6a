import type { ErrorKind } from '@resnet/core';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SweepError } from '../errors.js';
import { formatFiles, type FolderFormat, type FolderIdentity, type ManifestBase } from './format.js';
import { MANIFEST_JSON } from './names.js';

/** A folder holds another format (an older version's, another job's, or not one of ours at all). */
export class FolderFormatError extends SweepError {
  override name = 'FolderFormatError';
  override readonly kind: ErrorKind = 'state';
  constructor(
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }
}

/** manifest.json text (and resume config.json's): two-space indented JSON, arrays of numbers or strings on one line, a final newline. */
export function manifestText(value: object): string {
  return `${pretty(value, '')}\n`;
}

function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((v) => `${inner}${pretty(v, inner)}`)
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return entries.length ? `${open}\n${entries.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

/**
 * Reads manifest.json of a folder of `format`: null when there is none. Refuses another format (an
 * older version's with its own message) and a manifest listing a file the format does not have (a
 * name like `../x` is never acted on).
 */
export function readFolderManifest<Id extends FolderIdentity, M extends Id & ManifestBase>(
  folder: string,
  format: FolderFormat<Id, M>,
): M | null {
  const path = join(folder, MANIFEST_JSON);
  if (!existsSync(path)) return null;
  const manifest = readJson(path) as M | null;
  checkFormat(folder, format, manifest?.format);
  checkFileNames(folder, format, manifest!.files);
  return manifest;
}

/** Throws FolderFormatError unless `tag` is the format's own. */
export function checkFormat(folder: string, format: Pick<FolderFormat, 'tag' | 'older' | 'words'>, tag: unknown): void {
  if (tag === format.tag) return;
  const older = typeof tag === 'string' && format.older.includes(tag);
  const kind = format.words.kind;
  throw new FolderFormatError(
    folder,
    older
      ? `${folder} was made by an older version (format ${tag}; this version writes ${format.tag}). Rerun the ${kind} into a new folder.`
      : `${folder} is not a ${kind} folder this version can use (format ${JSON.stringify(tag)}, expected ${format.tag}). Choose another folder.`,
  );
}

/** Throws FolderFormatError when `files` (a manifest's) names a file the format does not publish. */
export function checkFileNames(folder: string, format: Pick<FolderFormat, 'outputs' | 'words'>, files: unknown): void {
  if (files === null || typeof files !== 'object') return; // verifyFiles reports it
  const known = formatFiles(format);
  for (const name of Object.keys(files)) {
    if (!known.includes(name))
      throw new FolderFormatError(
        folder,
        `${join(folder, MANIFEST_JSON)} lists a file ${JSON.stringify(name)}, which a ${format.words.kind} folder never holds (it holds ${known.join(', ')}); it was not written by resnet. Choose another folder.`,
      );
  }
}

/** Parses a JSON file; a SweepError naming the file when it is not JSON. */
export function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new SweepError(
      `${path} is not valid JSON (${(e as Error).message}); it is not a folder this version can use.`,
    );
  }
}
