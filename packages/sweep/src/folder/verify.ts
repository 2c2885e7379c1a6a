import { statSync } from 'node:fs';
import { join } from 'node:path';
import { crcHex, fileCrc } from './checksum.js';
import { describeEntry, entryKind } from './entries.js';
import type { ManifestBase, ManifestFile } from './format.js';

/** A manifest's entry for a file, if it has the documented shape ({bytes: integer >= 0, crc32: 8 hex digits}). */
export function fileEntry(value: unknown): ManifestFile | null {
  const f = value as Partial<ManifestFile> | null;
  return f !== null &&
    typeof f === 'object' &&
    Number.isSafeInteger(f.bytes) &&
    f.bytes! >= 0 &&
    typeof f.crc32 === 'string' &&
    /^[0-9a-f]{8}$/.test(f.crc32)
    ? (f as ManifestFile)
    : null;
}

/**
 * What is wrong with published file `name` of `dir` before its bytes are read, or null: missing, not a
 * regular file (a link or a FIFO is never followed), another size than `want` says, or `want` malformed.
 */
export function fileProblem(dir: string, name: string, want: unknown): string | null {
  const entry = fileEntry(want);
  if (!entry)
    return `manifest.json lists ${name} as ${JSON.stringify(want)}, not {"bytes": N, "crc32": "8 hex digits"}`;
  const path = join(dir, name);
  const kind = entryKind(path);
  if (kind === 'none') return `${name} is missing`;
  if (kind !== 'file') return `${name} is ${describeEntry(kind)}, not a file`;
  const size = statSync(path).size;
  return size === entry.bytes ? null : `${name} has ${size} bytes, the manifest says ${entry.bytes}`;
}

/** The line saying a file's crc32 differs from its manifest's, or null when they match. */
export function crcProblem(name: string, got: number | null, want: ManifestFile): string | null {
  const hex = got === null ? null : crcHex(got);
  return hex === want.crc32 ? null : `${name} has crc32 ${hex ?? 'unreadable'}, the manifest says ${want.crc32}`;
}

/**
 * Checks a finished folder's published files against its manifest: each file in `files` must be a regular
 * file with that size and that crc32. `sizesOnly`: true checks no crc32, a list of names skips theirs (the
 * caller checks them as it reads them). Returns one line per problem (empty when intact).
 */
export function verifyFiles(
  dir: string,
  manifest: Pick<ManifestBase, 'files'>,
  sizesOnly: boolean | readonly string[] = false,
): string[] {
  const problems: string[] = [];
  const files = manifest.files as unknown;
  if (!files || typeof files !== 'object' || Object.keys(files).length === 0) return ['manifest.json lists no files'];
  for (const [name, want] of Object.entries(files)) {
    const problem = fileProblem(dir, name, want);
    if (problem) problems.push(problem);
    else if (sizesOnly !== true && !(Array.isArray(sizesOnly) && sizesOnly.includes(name))) {
      const got = fileCrc(join(dir, name));
      const wrong = crcProblem(name, got ? got.crc : null, want as ManifestFile);
      if (wrong) problems.push(wrong);
    }
  }
  return problems;
}
