import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** tests/fixtures. */
export const fixtures = join(repoRoot, 'tests', 'fixtures');

const made: string[] = [];

/** A fresh temporary folder, removed by cleanTemp(). */
export function tempDir(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), `resnet-sweep-${tag}-`));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir() made. */
export function cleanTemp(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** manifest.json of a folder without its `run` block (how this run went, not what it computed). */
export function readManifestWithoutRun(dir: string): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest['run'];
  return manifest;
}

/** Whether two sweep folders hold the same bytes in every published file (manifest `run` aside); returns the first difference. */
export function folderDifference(a: string, b: string): string | null {
  const x = readManifestWithoutRun(a);
  const y = readManifestWithoutRun(b);
  if (JSON.stringify(x) !== JSON.stringify(y)) return `manifest differs: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
  for (const name of Object.keys(x['files'] as object)) {
    const fa = readFileSync(join(a, name));
    const fb = readFileSync(join(b, name));
    if (!fa.equals(fb)) return `${name} differs (${fa.length} vs ${fb.length} bytes)`;
  }
  return null;
}

/** Parsed cells.jsonl lines. */
export function readCells(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, 'cells.jsonl'), 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Cells saved in an unfinished folder's resume journal (0 when there is none). */
export function savedCells(out: string): number {
  let text: string;
  try {
    text = readFileSync(join(out, '.resume', 'journal.jsonl'), 'utf8');
  } catch {
    return 0;
  }
  return text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .reduce((a, l) => a + (JSON.parse(l.slice(0, l.lastIndexOf('\t'))) as { cells: number }).cells, 0);
}

/** Canonical (seed-major) order of a grid's cells as `arch depth seed` strings. */
export function canonicalOrder(
  archs: readonly string[],
  depths: readonly number[],
  seeds: { start: number; count: number },
): string[] {
  const out: string[] = [];
  for (let s = 0; s < seeds.count; s++)
    for (const a of archs) for (const d of depths) out.push(`${a} ${d} ${seeds.start + s}`);
  return out;
}
