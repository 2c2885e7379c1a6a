// The reading half of parquetCompare.bench.ts: readCells against hyparquet on one cells.parquet, timed in turns.
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetReadObjects } from 'hyparquet';

/** Median milliseconds over `runs` turns of: ours, hyparquet column by column, hyparquet as row objects. */
export async function readTimes(
  dir: string,
  runs: number,
  ours: () => Promise<void>,
): Promise<{ ours: number; hyparquetColumns: number; hyparquetObjects: number }> {
  const file = await asyncBufferFromFile(join(dir, 'cells.parquet'));
  const metadata = await parquetMetadataAsync(file);
  // One call per row group (the metadata parsed once), as readCells reads one row group at a time.
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (const g of metadata.row_groups) {
    const rows = Number(g.num_rows);
    ranges.push([start, start + rows]);
    start += rows;
  }
  const columns = async () => {
    for (const [rowStart, rowEnd] of ranges) await parquetRead({ file, metadata, rowStart, rowEnd, onChunk: () => {} });
  };
  const objects = async () => {
    for (const [rowStart, rowEnd] of ranges) await parquetReadObjects({ file, metadata, rowStart, rowEnd });
  };
  const times = { ours: [] as number[], hyparquetColumns: [] as number[], hyparquetObjects: [] as number[] };
  for (let r = 0; r < runs; r++) {
    for (const [name, f] of [
      ['ours', ours],
      ['hyparquetColumns', columns],
      ['hyparquetObjects', objects],
    ] as const) {
      const t = performance.now();
      await f();
      times[name].push(performance.now() - t);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  return {
    ours: median(times.ours),
    hyparquetColumns: median(times.hyparquetColumns),
    hyparquetObjects: median(times.hyparquetObjects),
  };
}
