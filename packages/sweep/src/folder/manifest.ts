import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FolderFormatError } from '../errors.js';
import { checkEntry } from './entries.js';
import { formatFiles, type FolderFormat, type FolderIdentity, type ManifestBase } from './format.js';
import { MANIFEST_JSON } from './names.js';

export { FolderFormatError };

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
  if (checkEntry(folder, path, 'file', 'Choose another folder.') === 'none') return null;
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

/** Largest manifest.json or resume config.json read: a real one is some KB (a grid listing thousands of axis values, some MB). */
export const MAX_JSON_BYTES = 64 * 2 ** 20;

/**
 * Parses a JSON file of a folder (the caller checked it is a regular file): a FolderFormatError naming the
 * file when it is larger than MAX_JSON_BYTES, cannot be read or is not JSON, followed by `advice`.
 */
export function readJson(
  path: string,
  advice = 'It is not a folder this version can use; choose another folder.',
): unknown {
  const folder = dirname(path);
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_JSON_BYTES)
      throw new FolderFormatError(
        folder,
        `${path} holds ${size} bytes, more than resnet ever writes there (at most ${MAX_JSON_BYTES}). ${advice}`,
      );
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof FolderFormatError) throw e;
    throw new FolderFormatError(
      folder,
      `${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). ${advice}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new FolderFormatError(folder, `${path} is not valid JSON (${(e as Error).message}). ${advice}`);
  }
}
