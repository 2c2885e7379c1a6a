import { cellLayout } from '@resnet/core';
import { ReportError, describe } from '../errors.js';
import type { ArchName } from '../theme.js';
import type { SweepCell, SweepGrid } from './types.js';

const SCALARS = ['xNorm', 'ratio', 'ratioEps', 'inputGradNorm'] as const;
const ARRAYS = ['gradNorms', 'layerGradNorms', 'actNorms', 'signalNorms'] as const;
const NON_FINITE: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

/** Reads a metric as the format writes it: a number, or "NaN" / "Infinity" / "-Infinity". */
function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  return typeof v === 'string' ? NON_FINITE[v] : undefined;
}

/**
 * Parses cells.jsonl (one JSON object per line) and checks each cell against the grid: arch and depth
 * swept, integer seed, every metric a number, each array as long as the network has layers.
 */
export function parseCells(text: string, file: string, grid: SweepGrid): SweepCell[] {
  const cells: SweepCell[] = [];
  const lengths = new Map<string, Record<(typeof ARRAYS)[number], number>>();
  const depths = new Set(grid.depths);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fail = (what: string): never => {
      throw new ReportError(`${file} line ${i + 1}: ${what}. Each line must be one cell as \`resnet sweep\` writes it (docs/sweep-format.md).`, file, i + 1);
    };
    let c: Record<string, unknown>;
    try {
      c = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      return fail(`is not valid JSON (${(e as Error).message}); the file may be truncated`);
    }
    if (c === null || typeof c !== 'object') fail('is not a JSON object');
    // 1. Identity of the cell: in the grid.
    const arch = c.arch as ArchName;
    if (!grid.archs.includes(arch)) fail(`arch is ${describe(c.arch)}; the manifest's grid has ${grid.archs.join(', ')}`);
    if (typeof c.depth !== 'number' || !depths.has(c.depth)) fail(`depth is ${describe(c.depth)}; the manifest's grid has ${grid.depths.join(', ')}`);
    if (typeof c.seed !== 'number' || !Number.isInteger(c.seed)) fail(`seed is ${describe(c.seed)}; expected an integer`);
    // 2. Metrics: numbers (non-finite ones spelled as strings), arrays of the right length.
    for (const k of SCALARS) {
      const v = num(c[k]);
      if (v === undefined) fail(`${k} is ${describe(c[k])}; expected a number or "NaN", "Infinity", "-Infinity"`);
      c[k] = v;
    }
    const key = `${arch}|${c.depth as number}`;
    let want = lengths.get(key);
    if (!want) {
      const l = cellLayout({ arch, depth: c.depth as number });
      want = { gradNorms: l.gradNorms[1], layerGradNorms: l.layerGradNorms[1], actNorms: l.actNorms[1], signalNorms: l.signalNorms[1] };
      lengths.set(key, want);
    }
    for (const k of ARRAYS) {
      const a = c[k];
      if (!Array.isArray(a) || a.length !== want[k]) {
        fail(`${k} is ${describe(a)}; a ${arch} net of depth ${c.depth as number} has ${want[k]} values`);
      }
      const arr = a as unknown[];
      for (let j = 0; j < arr.length; j++) {
        if (typeof arr[j] === 'number') continue;
        const v = num(arr[j]);
        if (v === undefined) fail(`${k}[${j}] is ${describe(arr[j])}; expected a number or "NaN", "Infinity", "-Infinity"`);
        arr[j] = v;
      }
    }
    cells.push(c as unknown as SweepCell);
  }
  return cells;
}
