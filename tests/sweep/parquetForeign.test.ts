// readCells on a cells.parquet written by another writer (hyparquet-writer): v2 data pages, several pages
// per column chunk, its own level encoding. The schema is ours; the reader must not depend on our layout.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import { CELL_COLUMNS, nonFiniteText, readCells, readParquetFooter, type CellRow } from '@resnet/sweep';
import { cleanTemp, tempDir } from './helpers.js';
import { makeCells, type TestCell } from './parquetCells.js';

afterAll(cleanTemp);

const bits = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16);

/** Our schema in hyparquet-writer's terms. */
function schema() {
  const out: Array<Record<string, unknown>> = [{ name: 'schema', num_children: CELL_COLUMNS.length }];
  for (const c of CELL_COLUMNS) {
    if (c.kind === 'list') {
      out.push(
        { name: c.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'DOUBLE', repetition_type: 'REQUIRED' },
      );
    } else if (c.kind === 'string')
      out.push({ name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    else
      out.push({
        name: c.name,
        type: { int32: 'INT32', int64: 'INT64', double: 'DOUBLE', boolean: 'BOOLEAN' }[c.kind],
        repetition_type: 'REQUIRED',
      });
  }
  return out;
}

function foreignParquet(cells: readonly TestCell[]): Uint8Array {
  const writer = new ByteWriter();
  const pw = new ParquetWriter({ writer, schema: schema() as never, codec: 'UNCOMPRESSED', statistics: false });
  const slice = (c: TestCell, k: (typeof CELL_ARRAYS)[number]) =>
    Array.from(c.record.subarray(c.layout[k][0], c.layout[k][0] + c.layout[k][1]));
  pw.write({
    columnData: [
      { name: 'arch', data: cells.map((c) => c.arch), encoding: 'PLAIN' },
      { name: 'depth', data: Int32Array.from(cells, (c) => c.depth), encoding: 'PLAIN' },
      { name: 'seed', data: cells.map((c) => BigInt(c.seed)), encoding: 'PLAIN' },
      { name: 'width', data: Int32Array.from(cells, (c) => c.width), encoding: 'PLAIN' },
      { name: 'inputSize', data: Int32Array.from(cells, (c) => c.inputSize), encoding: 'PLAIN' },
      ...CELL_SCALARS.map((k) => ({
        name: k,
        data: Float64Array.from(cells, (c) => c.record[c.layout[k]]!),
        encoding: 'PLAIN' as const,
      })),
      ...CELL_ARRAYS.map((k) => ({ name: k, data: cells.map((c) => slice(c, k)), encoding: 'PLAIN' as const })),
      { name: 'nonFinite', data: cells.map((c) => nonFiniteText(c.record, 0, c.layout)), encoding: 'PLAIN' },
    ] as never,
    rowGroupSize: 7,
    pageSize: 600,
  });
  pw.finish();
  return new Uint8Array(writer.getBuffer());
}

describe('readCells on a foreign cells.parquet', () => {
  it('reads v2 pages, several pages per chunk and several row groups, value for value', async () => {
    const cells = makeCells(
      Array.from({ length: 20 }, (_, i) => ({
        arch: i % 2 ? ('residual' as const) : ('plain' as const),
        depth: 2 + (i % 5) * 3,
        seed: 100 + i,
        force:
          i === 3
            ? ([
                [1, NaN],
                [6, Infinity],
                [7, -Infinity],
              ] as Array<[number, number]>)
            : [],
      })),
    );
    const dir = tempDir('foreign');
    const bytes = foreignParquet(cells);
    writeFileSync(join(dir, 'cells.parquet'), bytes);
    expect(readParquetFooter(bytes).rowGroups.length).toBe(3);
    const rows: CellRow[] = [];
    await readCells(dir, (c) => rows.push(c));
    expect(rows).toHaveLength(cells.length);
    rows.forEach((r, i) => {
      const c = cells[i]!;
      expect([r.arch, r.depth, r.seed, r.width, r.inputSize, r.nonFinite]).toEqual([
        c.arch,
        c.depth,
        c.seed,
        c.width,
        c.inputSize,
        nonFiniteText(c.record, 0, c.layout),
      ]);
      for (const k of CELL_SCALARS) expect(bits(r[k]), k).toBe(bits(c.record[c.layout[k]]!));
      for (const k of CELL_ARRAYS)
        expect(r[k].map(bits), k).toEqual(
          Array.from(c.record.subarray(c.layout[k][0], c.layout[k][0] + c.layout[k][1]), bits),
        );
    });
    expect(rows[3]!.nonFinite).not.toBe('');
  });
});
