// A second independent reader of cells.parquet: DuckDB (C++, its own Parquet reader), the closest stand-in
// here for pyarrow/pandas and polars, which python3 on this machine does not have.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { CELL_ARRAYS, CELL_SCALARS } from '@resnet/core';
import { CELL_COLUMNS, nonFiniteText } from '@resnet/sweep';
import { cleanTemp, tempDir } from './helpers.js';
import { makeCells, parquetBytes, type TestCell } from './parquetCells.js';

afterAll(cleanTemp);

const bits = (v: number): string =>
  Number.isNaN(v) ? 'NaN' : new BigUint64Array(Float64Array.of(v).buffer)[0]!.toString(16);

describe('cells.parquet read by DuckDB', () => {
  it('has every column with its numeric type and every value bit for bit, over several row groups', async () => {
    const blocks: TestCell[][] = [
      makeCells([
        { arch: 'plain', depth: 2, seed: 0 },
        {
          arch: 'residual',
          depth: 1,
          seed: 1,
          force: [
            [1, NaN],
            [2, Infinity],
            [3, -Infinity],
            [5, 3.728077190887527e19],
          ],
        },
      ]),
      makeCells([{ arch: 'residual', depth: 40, seed: 4294967295 }]),
      makeCells([{ arch: 'plain', depth: 40, seed: 2, force: [[9, NaN]] }]),
    ];
    const file = join(tempDir('duckdb'), 'cells.parquet');
    writeFileSync(file, parquetBytes(blocks));
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      const reader = await connection.runAndReadAll(`SELECT * FROM read_parquet('${file.replace(/'/g, "''")}')`);
      const types = Object.fromEntries(reader.columnNames().map((name, i) => [name, String(reader.columnTypes()[i])]));
      const want: Record<string, string> = {
        string: 'VARCHAR',
        int32: 'INTEGER',
        int64: 'BIGINT',
        double: 'DOUBLE',
        list: 'DOUBLE[]',
      };
      expect(types).toEqual(Object.fromEntries(CELL_COLUMNS.map((c) => [c.name, want[c.kind]])));
      const rows = reader.getRowObjectsJS() as Array<Record<string, unknown>>;
      const cells = blocks.flat();
      expect(rows).toHaveLength(cells.length);
      rows.forEach((row, i) => {
        const c = cells[i]!;
        expect([row.arch, row.depth, row.seed, row.width, row.inputSize, row.nonFinite]).toEqual([
          c.arch,
          c.depth,
          BigInt(c.seed),
          c.width,
          c.inputSize,
          nonFiniteText(c.record, 0, c.layout),
        ]);
        for (const k of CELL_SCALARS) expect(bits(row[k] as number), k).toBe(bits(c.record[c.layout[k]]!));
        for (const k of CELL_ARRAYS) {
          const [at, len] = c.layout[k];
          expect((row[k] as number[]).map(bits), k).toEqual(Array.from(c.record.subarray(at, at + len), bits));
        }
      });
    } finally {
      connection.closeSync();
      db.closeSync();
    }
  });
});
