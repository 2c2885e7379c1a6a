import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import {
  CellsFileError,
  SweepError,
  nonFiniteText,
  readCells,
  readParquetFooter,
  readJsonlCells,
  type CellRow,
  type ReadCellsOptions,
} from '@resnet/sweep';
import { cleanTemp, tempDir } from './helpers.js';
import { jsonFloat, jsonlText, makeCells, writeCellFiles, type TestCell } from './parquetCells.js';

afterAll(cleanTemp);

const HUGE = 3.728077190887527e19;
const cells = makeCells([
  { arch: 'plain', depth: 2, seed: 7 },
  {
    arch: 'residual',
    depth: 1,
    seed: 8,
    force: [
      [0, HUGE],
      [5, 1e300],
    ],
  },
  {
    arch: 'residual',
    depth: 6,
    seed: 9,
    force: [
      [1, NaN],
      [2, Infinity],
      [3, -Infinity],
      [6, NaN],
      [12, HUGE],
      [13, -Infinity],
    ],
  },
  { arch: 'plain', depth: 6, seed: 10 },
  {
    arch: 'residual',
    depth: 30,
    seed: 11,
    force: [
      [40, 1e16],
      [41, 123456789012345680000],
    ],
  },
]);
const blocks = [cells.slice(0, 2), cells.slice(2)];

const bits = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16);

/** A cell as the readers should yield it, values as bit strings (NaN as 'NaN'); arrays empty when not wanted. */
function expected(c: TestCell, arrays = true): Record<string, unknown> {
  const out: Record<string, unknown> = {
    arch: c.arch,
    depth: c.depth,
    seed: c.seed,
    width: c.width,
    inputSize: c.inputSize,
  };
  for (const k of CELL_SCALARS) out[k] = bits(c.record[c.layout[k]]!);
  for (const k of CELL_ARRAYS)
    out[k] = arrays ? Array.from(c.record.subarray(c.layout[k][0], c.layout[k][0] + c.layout[k][1]), bits) : [];
  out.nonFinite = nonFiniteText(c.record, 0, c.layout);
  return out;
}

function asBits(c: CellRow): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of CELL_SCALARS) out[k] = bits(c[k]);
  for (const k of CELL_ARRAYS) out[k] = c[k].map(bits);
  return out;
}

async function readAll(dir: string, options?: ReadCellsOptions): Promise<{ rows: CellRow[]; format: string }> {
  const rows: CellRow[] = [];
  const r = await readCells(
    dir,
    (c, i) => {
      expect(i).toBe(rows.length);
      rows.push(c);
    },
    options,
  );
  expect(r.cells).toBe(rows.length);
  return { rows, format: r.format };
}

describe('JSON Lines v2', () => {
  it('writes floats any parser reads as floats, non-finite values as null', () => {
    expect([HUGE, 1, 1e16, 0.1, 2.5e-300, 123456789012345680000].map(jsonFloat)).toEqual([
      '3.728077190887527e+19',
      '1.0',
      '1e+16',
      '0.1',
      '2.5e-300',
      '1.2345678901234568e+20',
    ]);
    for (const v of [HUGE, 1e16, 123456789012345680000]) expect(bits(JSON.parse(jsonFloat(v)) as number)).toBe(bits(v));
    const line = jsonlText([cells[2]!]);
    expect(line).toContain('"ratio":null,"ratioEps":null,"inputGradNorm":null,');
    expect(line).toContain('3.728077190887527e+19');
    expect(line).toMatch(
      /"nonFinite":"ratio=NaN ratioEps=Infinity inputGradNorm=-Infinity gradNorms\[2\]=NaN \w+\[\d+\]=-Infinity"\}\n$/,
    );
  });

  it('reads back NaN, +Infinity, -Infinity and huge floats bit for bit', async () => {
    const dir = tempDir('jsonl');
    writeCellFiles(dir, blocks, ['jsonl']);
    const { rows, format } = await readAll(dir);
    expect(format).toBe('jsonl');
    expect(rows.map(asBits)).toEqual(cells.map((c) => expected(c)));
    expect(Object.keys(rows[0]!)).toEqual([
      'arch',
      'depth',
      'seed',
      'width',
      'inputSize',
      ...CELL_SCALARS,
      ...CELL_ARRAYS,
      'nonFinite',
    ]);
  });

  it('streams lines across read chunks (a file of several MiB, lines cut at chunk ends)', async () => {
    const dir = tempDir('jsonl-big');
    const many = Array.from({ length: 700 }, (_, i) => ({ ...cells[4]!, seed: 1000 + i }));
    writeFileSync(join(dir, 'cells.jsonl'), jsonlText(many));
    expect(readFileSync(join(dir, 'cells.jsonl')).length).toBeGreaterThan(2 << 20);
    const { rows } = await readAll(dir);
    expect(rows.map((r) => r.seed)).toEqual(many.map((c) => c.seed));
    expect(rows.map(asBits)).toEqual(many.map((c) => expected(c)));
  });

  it('refuses a cut-short file, an unexplained null and a wrong array length with CellsFileError (kind state) naming the line', async () => {
    const dir = tempDir('jsonl-bad');
    const file = join(dir, 'cells.jsonl');
    const text = jsonlText(cells);
    const fails = async (content: string, pattern: RegExp) => {
      writeFileSync(file, content);
      const err = await readJsonlCells(file, () => {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(CellsFileError);
      expect(err).toBeInstanceOf(SweepError);
      expect((err as CellsFileError).kind).toBe('state');
      expect((err as Error).message).toMatch(pattern);
    };
    await fails(text.slice(0, -20), /line 5: the file ends inside this line/);
    await fails(
      text.replace('"nonFinite":"ratio=NaN ', '"nonFinite":"'),
      /line 3: ratio is null but nonFinite does not say what it was/,
    );
    await fails(
      text.replace('"nonFinite":"ratio=NaN ', '"nonFinite":"ratio=NaN xNorm=NaN '),
      /line 3: nonFinite names xNorm but the line has .* not null/,
    );
    await fails(
      text.replace(/"gradNorms":\[[^\]]*?,/, '"gradNorms":['),
      /line 1: gradNorms is an array of 1 values; a plain net of depth 2 has 2/,
    );
    await fails(
      text.replace('"arch":"plain"', '"arch":"dense"'),
      /line 1: arch is "dense"; expected one of plain, residual/,
    );
  });
});

describe('readCells', () => {
  it('reads parquet and JSON Lines of the same cells value for value, parquet first when both exist', async () => {
    const dir = tempDir('both');
    writeCellFiles(dir, blocks, ['parquet', 'jsonl']);
    const p = await readAll(dir);
    const j = await readAll(dir, { format: 'jsonl' });
    expect(p.format).toBe('parquet');
    expect(j.format).toBe('jsonl');
    expect(p.rows.map(asBits)).toEqual(cells.map((c) => expected(c)));
    expect(j.rows.map(asBits)).toEqual(p.rows.map(asBits));
  });

  it('skips the arrays of cells arraysFor refuses, in both formats', async () => {
    const dir = tempDir('some');
    writeCellFiles(dir, blocks, ['parquet', 'jsonl']);
    const arraysFor = (arch: string, depth: number) => arch === 'residual' && depth === 6;
    const want = cells.map((c) => expected(c, arraysFor(c.arch, c.depth)));
    for (const format of ['parquet', 'jsonl'] as const) {
      const { rows } = await readAll(dir, { format, arraysFor });
      expect(rows.map(asBits), format).toEqual(want);
    }
    const none = await readAll(dir, { arraysFor: () => false });
    expect(none.rows.map(asBits)).toEqual(cells.map((c) => expected(c, false)));
  });

  it('refuses a folder with no cells file, and a damaged parquet row group', async () => {
    const empty = tempDir('empty');
    await expect(readCells(empty, () => {})).rejects.toThrow(/holds neither cells\.parquet nor cells\.jsonl/);
    const dir = tempDir('damaged');
    writeCellFiles(dir, blocks, ['parquet']);
    const file = join(dir, 'cells.parquet');
    const bytes = readFileSync(file);
    // Overwrite the page header of the second row group's depth column with garbage.
    const g = readParquetFooter(bytes).rowGroups[1]!;
    const at = g.offset + g.meta.columns[1]!.offset;
    bytes.fill(0xff, at, at + 6);
    writeFileSync(file, bytes);
    const err = await readCells(dir, () => {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(CellsFileError);
    expect((err as Error).message).toMatch(
      /cells\.parquet row group 1: column depth: page header at byte \d+ cannot be decoded/,
    );
  });
});
