// Benchmark: cells.parquet encode and read. A block of 1,000 cells of depths 5..40 (both archs, real
// metrics from @resnet/core) encoded as one row group, as a worker does per block; the footer of a
// 720,000-cell file (360 row groups); and readCells over a file of 36 such row groups, with every
// cell's arrays and with arrays at one depth only. Prints medians of BENCH_RUNS (default 7) timings.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Arch } from '@resnet/core';
import { PARQUET_MAGIC, encodeRowGroup, parquetFooter, readCells } from '@resnet/sweep';
import { cellBlock, median } from './cellBlock.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const time = (f: () => unknown, reps: number) => {
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    ms.push((performance.now() - t) / reps);
  }
  return median(ms);
};

// 1,000 cells in canonical (seed-major) order: 72 groups per seed.
const n = 1000;
const input = cellBlock(n);

const group = encodeRowGroup(input);
for (let i = 0; i < 50; i++) encodeRowGroup(input);
const encodeMs = time(() => encodeRowGroup(input), 20);
const mb = group.bytes.length / 1e6;
console.log(
  `encodeRowGroup: ${n} cells (${mb.toFixed(2)} MB) in ${encodeMs.toFixed(2)} ms: ${((mb / encodeMs) * 1e3).toFixed(0)} MB/s, ${Math.round((n / encodeMs) * 1e3).toLocaleString('en-US')} cells/s`,
);

const placed = Array.from({ length: 360 }, (_, i) => ({ offset: 4 + i * group.bytes.length, meta: group.meta }));
const footerMs = time(() => parquetFooter(placed), 5);
console.log(
  `parquetFooter: 360 row groups in ${footerMs.toFixed(2)} ms (${parquetFooter(placed).length.toLocaleString('en-US')} bytes)`,
);

const dir = mkdtempSync(join(tmpdir(), 'parquet-bench-'));
try {
  const count = 36;
  const file = [PARQUET_MAGIC];
  for (let i = 0; i < count; i++) file.push(group.bytes);
  file.push(parquetFooter(placed.slice(0, count)));
  writeFileSync(join(dir, 'cells.parquet'), Buffer.concat(file));
  for (const [label, arraysFor] of [
    ['every array', undefined],
    ['arrays at depth 40 only', (_a: Arch, d: number) => d === 40],
  ] as const) {
    const ms: number[] = [];
    for (let r = 0; r < Math.min(RUNS, 5); r++) {
      const t = performance.now();
      await readCells(dir, () => {}, arraysFor ? { arraysFor } : {});
      ms.push(performance.now() - t);
    }
    const m = median(ms);
    console.log(
      `readCells (${label}): ${(count * n).toLocaleString('en-US')} cells (${(count * mb).toFixed(0)} MB) in ${m.toFixed(0)} ms: ${(((count * mb) / m) * 1e3).toFixed(0)} MB/s, ${Math.round(((count * n) / m) * 1e3).toLocaleString('en-US')} cells/s`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
