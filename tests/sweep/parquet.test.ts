import { closeSync, openSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import {
  CELL_COLUMNS,
  CellsFileError,
  PARQUET_MAGIC,
  encodeRowGroup,
  nonFiniteText,
  parquetFooter,
  readParquetFooter,
} from '@resnet/sweep';
import { cleanTemp, tempDir } from './helpers.js';
import { blockInput, makeCells, parquetBytes, type TestCell } from './parquetCells.js';

afterAll(cleanTemp);

const HUGE = 3.728077190887527e19;
// Cells of every shape: the shallowest net of each arch, a deep net, and one with NaN, +Inf, -Inf, huge and subnormal values.
const blockA = makeCells([
  { arch: 'plain', depth: 2, seed: 0 },
  { arch: 'residual', depth: 1, seed: 1 },
  {
    arch: 'residual',
    depth: 5,
    seed: 2,
    force: [
      [1, NaN],
      [2, Infinity],
      [4, -Infinity],
      [9, HUGE],
      [10, 5e-324],
      [11, -0],
    ],
  },
]);
const blockB = makeCells([
  { arch: 'residual', depth: 40, seed: 4294967295, force: [[0, Infinity]] },
  { arch: 'plain', depth: 40, seed: 3 },
]);

const bits = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16);

/** Checks a row as hyparquet returns it against the cell it was written from, bit for bit. */
function expectRow(row: Record<string, unknown>, c: TestCell): void {
  expect([row.arch, row.depth, row.seed, row.width, row.inputSize]).toEqual([
    c.arch,
    c.depth,
    BigInt(c.seed),
    c.width,
    c.inputSize,
  ]);
  for (const k of CELL_SCALARS) {
    expect(typeof row[k], k).toBe('number');
    expect(bits(row[k] as number), k).toBe(bits(c.record[c.layout[k]]!));
  }
  for (const k of CELL_ARRAYS) {
    const [at, len] = c.layout[k];
    const got = row[k] as number[];
    expect(
      got.every((v) => typeof v === 'number'),
      k,
    ).toBe(true);
    expect(got.map(bits), k).toEqual(Array.from(c.record.subarray(at, at + len), bits));
  }
  expect(row.nonFinite).toBe(nonFiniteText(c.record, 0, c.layout));
}

describe('cells.parquet encoder', () => {
  const file = parquetBytes([blockA, blockB]);

  it('writes a file an independent reader (hyparquet) reads back value for value, bit for bit', async () => {
    const rows = (await parquetReadObjects({ file: file.slice().buffer })) as Array<Record<string, unknown>>;
    const cells = [...blockA, ...blockB];
    expect(rows).toHaveLength(cells.length);
    for (const [i, row] of rows.entries()) expectRow(row, cells[i]!);
    expect(Object.keys(rows[0]!)).toEqual(CELL_COLUMNS.map((c) => c.name));
  });

  it('keeps numeric column types: doubles, INT32, INT64, UTF8 strings, 3-level LIST<DOUBLE>', () => {
    const meta = parquetMetadata(file.slice().buffer);
    const schema = meta.schema.map((e) => [
      e.name,
      e.type ?? null,
      e.repetition_type ?? null,
      e.converted_type ?? null,
    ]);
    const expected: unknown[] = [['schema', null, null, null]];
    for (const c of CELL_COLUMNS) {
      if (c.kind === 'list')
        expected.push(
          [c.name, null, 'REQUIRED', 'LIST'],
          ['list', null, 'REPEATED', null],
          ['element', 'DOUBLE', 'REQUIRED', null],
        );
      else if (c.kind === 'string') expected.push([c.name, 'BYTE_ARRAY', 'REQUIRED', 'UTF8']);
      else
        expected.push([
          c.name,
          { int32: 'INT32', int64: 'INT64', double: 'DOUBLE', boolean: 'BOOLEAN' }[c.kind],
          'REQUIRED',
          null,
        ]);
    }
    expect(schema).toEqual(expected);
    expect(CELL_COLUMNS.map((c) => c.name)).toEqual([
      'arch',
      'depth',
      'seed',
      'width',
      'inputSize',
      ...CELL_SCALARS,
      ...CELL_ARRAYS,
      'nonFinite',
    ]);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([3, 2]);
    expect(meta.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec))).toEqual(
      Array(2 * CELL_COLUMNS.length).fill('UNCOMPRESSED'),
    );
  });

  it('records non-finite values in the nonFinite column, in record order', () => {
    const c = blockA[2]!;
    const [act, acts] = c.layout.actNorms;
    expect(nonFiniteText(c.record, 0, c.layout)).toBe('ratio=NaN ratioEps=Infinity gradNorms[0]=-Infinity');
    expect(nonFiniteText(blockA[0]!.record, 0, blockA[0]!.layout)).toBe('');
    expect(nonFiniteText(blockB[0]!.record, 0, blockB[0]!.layout)).toBe('xNorm=Infinity');
    const r = c.record.slice();
    r[act + acts - 1] = -Infinity;
    expect(nonFiniteText(r, 0, c.layout)).toBe(
      `ratio=NaN ratioEps=Infinity gradNorms[0]=-Infinity actNorms[${acts - 1}]=-Infinity`,
    );
  });

  it('encodes a block the same wherever its records start in the buffer', () => {
    const a = encodeRowGroup(blockInput(blockB, 0));
    const b = encodeRowGroup(blockInput(blockB, 13));
    expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(b.meta).toEqual(a.meta);
    expect(a.meta.bytes).toBe(a.bytes.length);
    // Given nonFinite texts (as the worker has them) give the same bytes.
    const input = blockInput(blockB);
    const c = encodeRowGroup({ ...input, nonFinite: blockB.map((x) => nonFiniteText(x.record, 0, x.layout)) });
    expect(Buffer.from(c.bytes).equals(Buffer.from(a.bytes))).toBe(true);
    expect(() => encodeRowGroup({ ...input, nonFinite: [''] })).toThrow(RangeError);
  });

  it('reads its footer back (bytes or fd) and rebuilds the same footer from it', () => {
    const info = readParquetFooter(file);
    expect(info.rows).toBe(5);
    expect(info.size).toBe(file.length);
    expect(info.rowGroups.map((g) => g.meta.rows)).toEqual([3, 2]);
    expect(info.rowGroups[0]!.offset).toBe(PARQUET_MAGIC.length);
    expect(info.rowGroups[1]!.offset).toBe(PARQUET_MAGIC.length + encodeRowGroup(blockInput(blockA)).bytes.length);
    expect(info.rowGroups.map((g) => g.meta)).toEqual([
      encodeRowGroup(blockInput(blockA)).meta,
      encodeRowGroup(blockInput(blockB)).meta,
    ]);
    expect(Buffer.from(parquetFooter(info.rowGroups)).equals(Buffer.from(file.subarray(info.dataEnd)))).toBe(true);
    const path = join(tempDir('parquet'), 'cells.parquet');
    writeFileSync(path, file);
    const fd = openSync(path, 'r');
    try {
      expect(readParquetFooter(fd)).toEqual(info);
    } finally {
      closeSync(fd);
    }
  });

  it('concatenates files by shifting row group offsets (what merge does), byte-identical to writing them as one', async () => {
    const a = parquetBytes([blockA]);
    const b = parquetBytes([blockB]);
    const fa = readParquetFooter(a);
    const fb = readParquetFooter(b);
    const bodyA = a.subarray(4, fa.dataEnd);
    const bodyB = b.subarray(4, fb.dataEnd);
    const shift = bodyA.length;
    const footer = parquetFooter([
      ...fa.rowGroups,
      ...fb.rowGroups.map((g) => ({ offset: g.offset + shift, meta: g.meta })),
    ]);
    const merged = Buffer.concat([PARQUET_MAGIC, bodyA, bodyB, footer]);
    expect(merged.equals(Buffer.from(file))).toBe(true);
    const rows = (await parquetReadObjects({
      file: merged.buffer.slice(merged.byteOffset, merged.byteOffset + merged.length),
    })) as Array<Record<string, unknown>>;
    expect(rows.map((r) => Number(r.seed))).toEqual([...blockA, ...blockB].map((c) => c.seed));
  });

  it('writes a valid file with no row groups (a shard with no block)', async () => {
    const empty = Buffer.concat([PARQUET_MAGIC, parquetFooter([])]);
    expect(readParquetFooter(empty)).toEqual({
      rows: 0,
      size: empty.length,
      dataEnd: 4,
      rowGroups: [],
      columns: CELL_COLUMNS,
    });
    expect(
      await parquetReadObjects({ file: empty.buffer.slice(empty.byteOffset, empty.byteOffset + empty.length) }),
    ).toEqual([]);
  });

  it('refuses a cut or foreign file with a CellsFileError of kind state', () => {
    const cut = file.subarray(0, file.length - 10);
    expect(() => readParquetFooter(cut, 'x/cells.parquet')).toThrow(CellsFileError);
    try {
      readParquetFooter(cut, 'x/cells.parquet');
    } catch (e) {
      expect((e as CellsFileError).kind).toBe('state');
      expect((e as Error).message).toMatch(/^x\/cells\.parquet footer: .*PAR1/);
    }
    const foreign = file.slice();
    const info = readParquetFooter(file);
    // Rename the first column in the schema ("arch" -> "arcX").
    const at = Buffer.from(foreign.subarray(info.dataEnd)).indexOf('arch') + info.dataEnd;
    foreign[at + 3] = 0x58;
    expect(() => readParquetFooter(foreign)).toThrow(/schema element 1 has field 4 = arcX, not arch/);
  });
});
