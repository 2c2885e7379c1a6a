// Benchmark: the choices behind cells.parquet, measured side by side in one run.
// 1. Writing: our one row-group encoder (encodeColumns, via encodeRowGroup) against hyparquet-writer and
//    parquet-wasm writing the same cells with the same work: uncompressed, no statistics, PLAIN values,
//    no dictionary, 1,000-row row groups. Inputs are built before the clock starts (parquet-wasm: the
//    Arrow table; the clock covers its move into wasm and the write).
// 2. Reading: readCells (the hand-written decoder) against hyparquet on the 720,000-cell folder of the README
//    grid (depths 5..40 x 10,000 seeds; BENCH_BIG=0: 1,000 seeds), every column of every row. hyparquet reads
//    one row group per call (the file's metadata parsed once), column by column (onChunk), and again as row
//    objects (parquetReadObjects) like readCells' CellRow. The hand-written reader stays only while hyparquet
//    is more than 2x slower here. BENCH_DIR reuses (or keeps) the folder; BENCH_RUNS (default 3) timings, medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CELL_ARRAYS, CELL_SCALARS, cellLayout, type Arch } from '@resnet/core';
import {
  CELL_COLUMNS,
  PARQUET_MAGIC,
  encodeRowGroup,
  nonFiniteText,
  parquetFooter,
  readCells,
  runSweep,
} from '@resnet/sweep';
import { cellBlock, median } from './cellBlock.js';
import { readTimes } from './hyparquetRead.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const timeMs = async (f: () => unknown): Promise<number> => {
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return median(ms);
};
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
const n = (x: number) => Math.round(x).toLocaleString('en-US');

// 1. Writing 36,000 cells of depths 5..40 (both archs, real metrics) as 36 row groups of 1,000.
const perGroup = 1000;
const units = 36;
const input = cellBlock(perGroup);
const specs = Array.from({ length: perGroup }, (_, i) => ({ arch: input.arch[i] as Arch, depth: input.depth[i]! }));

const ours = (): Uint8Array => {
  const parts: Uint8Array[] = [PARQUET_MAGIC];
  const placed = [];
  let offset = PARQUET_MAGIC.length;
  for (let u = 0; u < units; u++) {
    const g = encodeRowGroup(input);
    parts.push(g.bytes);
    placed.push({ offset, meta: g.meta });
    offset += g.bytes.length;
  }
  parts.push(parquetFooter(placed));
  return Buffer.concat(parts);
};
const written = { ours: ours().length, hyparquet: 0, wasm: 0 };
const oursMs = await timeMs(ours);

const { ByteWriter, ParquetWriter } = await import('hyparquet-writer');
const layouts = specs.map((s) => cellLayout(s));
const offsets: number[] = [];
for (let i = 0, o = 0; i < specs.length; o += layouts[i]!.length, i++) offsets.push(o);
const slice = (i: number, k: (typeof CELL_ARRAYS)[number]) =>
  Array.from(
    input.records.subarray(offsets[i]! + layouts[i]![k][0], offsets[i]! + layouts[i]![k][0] + layouts[i]![k][1]),
  );
const columnData = [
  { name: 'arch', data: Array.from(input.arch) },
  { name: 'depth', data: Int32Array.from(input.depth) },
  { name: 'seed', data: Array.from(input.seed, (s) => BigInt(s)) },
  { name: 'width', data: new Int32Array(perGroup).fill(16) },
  { name: 'inputSize', data: new Int32Array(perGroup).fill(16) },
  ...CELL_SCALARS.map((k) => ({
    name: k,
    data: Float64Array.from(specs, (_, i) => input.records[offsets[i]! + layouts[i]![k]]!),
  })),
  ...CELL_ARRAYS.map((k) => ({ name: k, data: specs.map((_, i) => slice(i, k)) })),
  { name: 'nonFinite', data: specs.map((_, i) => nonFiniteText(input.records, offsets[i]!, layouts[i]!)) },
].map((c) => ({ ...c, encoding: 'PLAIN', statistics: false }));
const schema: Array<Record<string, unknown>> = [{ name: 'schema', num_children: CELL_COLUMNS.length }];
for (const c of CELL_COLUMNS) {
  if (c.kind === 'list')
    schema.push(
      { name: c.name, repetition_type: 'REQUIRED', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'DOUBLE', repetition_type: 'REQUIRED' },
    );
  else
    schema.push({
      name: c.name,
      type: { string: 'BYTE_ARRAY', int32: 'INT32', int64: 'INT64', double: 'DOUBLE', boolean: 'BOOLEAN' }[c.kind],
      ...(c.kind === 'string' ? { converted_type: 'UTF8' } : {}),
      repetition_type: 'REQUIRED',
    });
}
const hyparquetWrite = () => {
  const writer = new ByteWriter();
  const pw = new ParquetWriter({ writer, schema: schema as never, codec: 'UNCOMPRESSED', statistics: false });
  for (let u = 0; u < units; u++) pw.write({ columnData: columnData as never, rowGroupSize: perGroup });
  pw.finish();
  return writer.getBuffer().byteLength;
};
written.hyparquet = hyparquetWrite();
const hyparquetMs = await timeMs(hyparquetWrite);

const arrow = await import('apache-arrow');
const wasm = await import('parquet-wasm');
const float64 = new arrow.Float64();
const listOf = (k: (typeof CELL_ARRAYS)[number]) =>
  arrow.vectorFromArray(
    specs.map((_, i) => slice(i, k)),
    new arrow.List(new arrow.Field('element', float64, false)),
  );
const vectors: Record<string, import('apache-arrow').Vector> = {
  arch: arrow.vectorFromArray(Array.from(input.arch), new arrow.Utf8()),
  depth: arrow.makeVector(Int32Array.from(input.depth)),
  seed: arrow.makeVector(BigInt64Array.from(Array.from(input.seed), (s) => BigInt(s))),
  width: arrow.makeVector(new Int32Array(perGroup).fill(16)),
  inputSize: arrow.makeVector(new Int32Array(perGroup).fill(16)),
  ...Object.fromEntries(
    CELL_SCALARS.map((k) => [k, arrow.makeVector(columnData.find((c) => c.name === k)!.data as Float64Array)]),
  ),
  ...Object.fromEntries(CELL_ARRAYS.map((k) => [k, listOf(k)])),
  nonFinite: arrow.vectorFromArray(columnData.at(-1)!.data as string[], new arrow.Utf8()),
};
const table: import('apache-arrow').Table = new arrow.Table(vectors);
const ipc = arrow.tableToIPC(new arrow.Table(Array.from({ length: units }, () => table.batches).flat()), 'stream');
const props = new wasm.WriterPropertiesBuilder()
  .setCompression(wasm.Compression.UNCOMPRESSED)
  .setStatisticsEnabled(wasm.EnabledStatistics.None)
  .setDictionaryEnabled(false)
  .setEncoding(wasm.Encoding.PLAIN)
  .setMaxRowGroupSize(perGroup)
  .build();
const wasmWrite = () => wasm.writeParquet(wasm.Table.fromIPCStream(ipc), props).length;
written.wasm = wasmWrite();
const wasmMs = await timeMs(wasmWrite);

console.log(
  `Writing ${n(units * perGroup)} cells (depths 5..40, both archs) as ${units} row groups, uncompressed, no statistics:`,
);
for (const [name, ms, bytes] of [
  ['encodeColumns (ours)', oursMs, written.ours],
  ['hyparquet-writer', hyparquetMs, written.hyparquet],
  ['parquet-wasm', wasmMs, written.wasm],
] as const)
  console.log(
    `  ${name.padEnd(22)} ${ms.toFixed(0).padStart(6)} ms  ${mb(bytes)} MB  ${n(((units * perGroup) / ms) * 1e3)} cells/s  ${(ms / oursMs).toFixed(2)}x ours`,
  );

// 2. Reading the big folder.
const seeds = process.env['BENCH_BIG'] === '0' ? 1000 : 10_000;
const dir = process.env['BENCH_DIR'] ?? mkdtempSync(join(tmpdir(), 'parquet-read-bench-'));
try {
  const t0 = performance.now();
  const made = await runSweep({
    depths: Array.from({ length: 36 }, (_, i) => 5 + i),
    seeds: { start: 0, count: seeds },
    out: dir,
    formats: ['parquet'],
  });
  console.log(
    `\nReading ${n(made.cellCount)} cells (${mb(made.manifest.files['cells.parquet']!.bytes)} MB cells.parquet; folder made or verified in ${((performance.now() - t0) / 1000).toFixed(0)} s):`,
  );
  const t = await readTimes(dir, RUNS, async () => {
    await readCells(dir, () => {});
  });
  const row = (name: string, ms: number) =>
    console.log(
      `  ${name.padEnd(34)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${n((made.cellCount / ms) * 1e3)} cells/s  ${(ms / t.ours).toFixed(2)}x ours`,
    );
  row('readCells (hand-written decoder)', t.ours);
  row('hyparquet, columns (onChunk)', t.hyparquetColumns);
  row('hyparquet, row objects', t.hyparquetObjects);
  const slower = Math.min(t.hyparquetColumns, t.hyparquetObjects) / t.ours;
  console.log(
    `  hyparquet is ${slower.toFixed(2)}x the hand-written reader's time at best: ${slower > 2 ? 'keep the hand-written reader (hyparquet is more than 2x slower)' : 'replace the hand-written reader with hyparquet'}.`,
  );
} finally {
  if (!process.env['BENCH_DIR']) rmSync(dir, { recursive: true, force: true });
}
