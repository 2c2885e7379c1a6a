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

/** A sweep folder's three files; the manifest without its `run` block (how this run went, not what it computed). */
export function readFolder(dir: string): { cells: Buffer; summary: Buffer; manifest: Record<string, unknown> } {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  delete manifest['run'];
  return { cells: readFileSync(join(dir, 'cells.jsonl')), summary: readFileSync(join(dir, 'summary.csv')), manifest };
}

/** Whether two sweep folders hold the same bytes (manifest `run` aside); returns the first difference. */
export function folderDifference(a: string, b: string): string | null {
  const x = readFolder(a);
  const y = readFolder(b);
  if (!x.cells.equals(y.cells)) return `cells.jsonl differs (${x.cells.length} vs ${y.cells.length} bytes)`;
  if (!x.summary.equals(y.summary)) return 'summary.csv differs';
  if (JSON.stringify(x.manifest) !== JSON.stringify(y.manifest)) return `manifest differs: ${JSON.stringify(x.manifest)} vs ${JSON.stringify(y.manifest)}`;
  return null;
}

/** Parsed cells.jsonl lines. */
export function readCells(dir: string): Array<Record<string, unknown>> {
  return readFileSync(join(dir, 'cells.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}
