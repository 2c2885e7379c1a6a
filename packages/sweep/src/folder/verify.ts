import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crcHex, fileCrc } from './checksum.js';
import type { ManifestBase } from './format.js';

/**
 * Checks a finished folder's published files against its manifest: each file in `files` must exist
 * with that size and (unless `sizesOnly`) that crc32. Returns one line per problem (empty when intact).
 */
export function verifyFiles(dir: string, manifest: Pick<ManifestBase, 'files'>, sizesOnly = false): string[] {
  const problems: string[] = [];
  const files = manifest.files;
  if (!files || typeof files !== 'object' || Object.keys(files).length === 0) return ['manifest.json lists no files'];
  for (const [name, want] of Object.entries(files)) {
    const path = join(dir, name);
    if (!existsSync(path)) {
      problems.push(`${name} is missing`);
      continue;
    }
    const size = statSync(path).size;
    if (size !== want.bytes) {
      problems.push(`${name} has ${size} bytes, the manifest says ${want.bytes}`);
      continue;
    }
    if (sizesOnly) continue;
    const got = fileCrc(path);
    if (!got || crcHex(got.crc) !== want.crc32)
      problems.push(`${name} has crc32 ${got ? crcHex(got.crc) : 'unreadable'}, the manifest says ${want.crc32}`);
  }
  return problems;
}
