import { writeFileSync } from 'node:fs';
import { CELL_ARRAYS, CELL_SCALARS, cell, cellLayout, type Arch, type CellLayout } from '@resnet/core';
import { PARQUET_MAGIC, encodeRowGroup, nonFiniteText, parquetFooter, type RowGroupInput } from '@resnet/sweep';

/** A cell to make for the parquet and reader tests: real metrics from core, then values forced into some places. */
export interface CellPlan {
  arch: Arch;
  depth: number;
  seed: number;
  /** Record positions (relative to the cell's record) and the value put there. */
  force?: Array<[number, number]>;
}

/** One test cell as plain data: identity, width/inputSize, record, layout. */
export interface TestCell {
  arch: Arch;
  depth: number;
  seed: number;
  width: number;
  inputSize: number;
  record: Float64Array;
  layout: CellLayout;
}

/** Runs each planned cell with @resnet/core (width and inputSize small) and forces the planned values. */
export function makeCells(plans: readonly CellPlan[], width = 16, inputSize = 8): TestCell[] {
  return plans.map((p) => {
    const layout = cellLayout({ arch: p.arch, depth: p.depth });
    const record = new Float64Array(layout.length);
    cell({ arch: p.arch, depth: p.depth, seed: p.seed, width, inputSize }, record);
    for (const [at, v] of p.force ?? []) record[at] = v;
    return { arch: p.arch, depth: p.depth, seed: p.seed, width, inputSize, record, layout };
  });
}

/** The encoder's input for a block of test cells (records copied back to back after `pad` leading values). */
export function blockInput(cells: readonly TestCell[], pad = 0): RowGroupInput {
  const total = cells.reduce((s, c) => s + c.record.length, pad);
  const records = new Float64Array(total);
  let at = pad;
  for (const c of cells) {
    records.set(c.record, at);
    at += c.record.length;
  }
  return {
    records,
    start: pad,
    arch: cells.map((c) => c.arch),
    depth: cells.map((c) => c.depth),
    seed: cells.map((c) => c.seed),
    width: cells[0]?.width ?? 1,
    inputSize: cells[0]?.inputSize ?? 1,
  };
}

/** Bytes of a cells.parquet holding these blocks, one row group each (separately encoded, footer from their metadata). */
export function parquetBytes(blocks: ReadonlyArray<readonly TestCell[]>): Uint8Array {
  const groups = blocks.map((b) => encodeRowGroup(blockInput(b)));
  const placed: Array<{ offset: number; meta: (typeof groups)[number]['meta'] }> = [];
  let offset = PARQUET_MAGIC.length;
  for (const g of groups) {
    placed.push({ offset, meta: JSON.parse(JSON.stringify(g.meta)) });
    offset += g.bytes.length;
  }
  const footer = parquetFooter(placed);
  const out = new Uint8Array(offset + footer.length);
  out.set(PARQUET_MAGIC);
  for (const [i, g] of groups.entries()) out.set(g.bytes, placed[i]!.offset);
  out.set(footer, offset);
  return out;
}

/** A float as JSON Lines v2 writes it (docs/sweep-format.md): parsers must read it as a float; non-finite -> null. */
export function jsonFloat(v: number): string {
  if (!Number.isFinite(v)) return 'null';
  const s = String(v);
  if (/[.e]/.test(s)) return s;
  return Math.abs(v) < 1e16 ? `${s}.0` : v.toExponential();
}

/** A test-only JSON Lines v2 writer: one line per cell, keys in the documented order. */
export function jsonlText(cells: readonly TestCell[]): string {
  let out = '';
  for (const c of cells) {
    const r = c.record;
    const parts = [
      `"arch":${JSON.stringify(c.arch)}`,
      `"depth":${c.depth}`,
      `"seed":${c.seed}`,
      `"width":${c.width}`,
      `"inputSize":${c.inputSize}`,
    ];
    for (const k of CELL_SCALARS) parts.push(`"${k}":${jsonFloat(r[c.layout[k]]!)}`);
    for (const k of CELL_ARRAYS) {
      const [at, len] = c.layout[k];
      parts.push(`"${k}":[${Array.from(r.subarray(at, at + len), jsonFloat).join(',')}]`);
    }
    parts.push(`"nonFinite":${JSON.stringify(nonFiniteText(r, 0, c.layout))}`);
    out += `{${parts.join(',')}}\n`;
  }
  return out;
}

/** Writes cells.parquet (one row group per block) and/or cells.jsonl of these cells into dir. */
export function writeCellFiles(
  dir: string,
  blocks: ReadonlyArray<readonly TestCell[]>,
  formats: ReadonlyArray<'parquet' | 'jsonl'>,
): void {
  if (formats.includes('parquet')) writeFileSync(`${dir}/cells.parquet`, parquetBytes(blocks));
  if (formats.includes('jsonl')) writeFileSync(`${dir}/cells.jsonl`, jsonlText(blocks.flat()));
}
