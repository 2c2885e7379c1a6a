import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ReportError } from '../errors.js';
import { parseCells } from './parseCells.js';
import { parseManifest } from './parseManifest.js';
import { parseSummary } from './parseSummary.js';
import type { SweepData } from './types.js';

const FILES = { cells: 'cells.jsonl', summary: 'summary.csv', manifest: 'manifest.json' } as const;

async function read(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? (e as Error).message})`;
    throw new ReportError(
      `${file} ${why}. A sweep folder holds ${Object.values(FILES).join(', ')}, as \`resnet sweep --out DIR\` writes them; ` +
        `if the sweep was interrupted, run it again.`,
      file,
    );
  }
}

/** Reads and checks a sweep output folder (cells.jsonl, summary.csv, manifest.json); throws ReportError naming the file and the fault. */
export async function loadSweep(dir: string): Promise<SweepData> {
  const root = resolve(dir);
  const ok = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!ok) throw new ReportError(`${root} is not a folder. Pass the output folder of \`resnet sweep\` (it holds ${Object.values(FILES).join(', ')}).`, root);
  const files = { cells: join(root, FILES.cells), summary: join(root, FILES.summary), manifest: join(root, FILES.manifest) };
  // 1. Read all three, then parse the manifest first: cells are checked against its grid.
  const [manifestText, cellsText, summaryText] = await Promise.all([read(files.manifest), read(files.cells), read(files.summary)]);
  const manifest = parseManifest(manifestText, files.manifest);
  const cells = parseCells(cellsText, files.cells, manifest.grid);
  // 2. A count mismatch means a partial or mixed folder: refuse rather than plot part of a sweep.
  if (cells.length !== manifest.cellCount) {
    throw new ReportError(
      `${files.cells} has ${cells.length} cells but ${files.manifest} says cellCount ${manifest.cellCount}. ` +
        'The sweep may not have finished, or the files come from different runs; run the sweep again into an empty folder.',
      files.cells,
    );
  }
  if (cells.length === 0) throw new ReportError(`${files.cells} holds no cells; there is nothing to plot. Run a sweep with at least one cell.`, files.cells);
  const summary = parseSummary(summaryText, files.summary);
  return { dir, files, manifest, cells, summary };
}
