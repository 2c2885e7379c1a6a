import { inShard, localIndex, seedIdxOf, type GridLayout } from './layout.js';

/** A compute chunk: a block of seeds' missing cells, in local (canonical) order. */
export interface Chunk {
  /** Triplets [group, seed, record offset in doubles] in execution order = local order (the worker's input). */
  cells: Float64Array;
  /** Local index of each cell, ascending. */
  locals: Float64Array;
}

/** Bytes of seed streams a worker may hold for one chunk. */
const STREAM_BUDGET = 32 * 2 ** 20;

/** Most distinct seeds in one chunk: each needs its own stream in the worker (at most 16, within STREAM_BUDGET). */
export function seedsPerChunk(l: GridLayout): number {
  return Math.max(1, Math.min(16, Math.floor(STREAM_BUDGET / (8 * l.maxNormals))));
}

/**
 * Yields the cells still to compute in chunks of at most `size` cells and seedsPerChunk seeds, taking
 * seeds in order: a worker draws each seed's stream once and runs the chunk group by group, reusing
 * each network across the chunk's seeds. Records are laid out in local order, so consecutive local
 * cells are contiguous both in the task buffer and in the staging file.
 */
export function* chunks(l: GridLayout, done: Uint8Array, size: number): Generator<Chunk> {
  const maxSeeds = seedsPerChunk(l);
  let loc: number[] = [];
  let seeds = 0;
  let lastSeed = -1;
  for (let seedIdx = 0; seedIdx < l.seedCount; seedIdx++) {
    for (let group = 0; group < l.groupCount; group++) {
      if (!inShard(l, group, seedIdx)) continue;
      const local = localIndex(l, group, seedIdx);
      if (done[local]) continue;
      const newSeed = loc.length === 0 || seedIdx !== lastSeed;
      if (newSeed && seeds === maxSeeds) {
        yield makeChunk(l, loc);
        loc = [];
        seeds = 0;
      }
      if (newSeed) seeds++;
      lastSeed = seedIdx;
      loc.push(local);
      if (loc.length === size) {
        yield makeChunk(l, loc);
        loc = [];
        seeds = 0;
      }
    }
  }
  if (loc.length) yield makeChunk(l, loc);
}

function makeChunk(l: GridLayout, loc: number[]): Chunk {
  const locals = Float64Array.from(loc).sort();
  const cells = new Float64Array(3 * locals.length);
  let at = 0;
  let g = 0;
  for (let i = 0; i < locals.length; i++) {
    const local = locals[i]!;
    while (local >= l.firstLocal[g + 1]!) g++;
    cells[3 * i] = g;
    cells[3 * i + 1] = l.grid.seeds.start + seedIdxOf(l, g, local);
    cells[3 * i + 2] = at;
    at += l.records[g]!.length;
  }
  return { cells, locals };
}

/** Runs of consecutive local indices among the first `finished` cells of a chunk: [firstLocal, count, bufferOffset in doubles]. */
export function finishedRuns(chunk: Chunk, finished: number): Array<[number, number, number]> {
  const runs: Array<[number, number, number]> = [];
  for (let i = 0; i < finished; i++) {
    const local = chunk.locals[i]!;
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === local) last[1]++;
    else runs.push([local, 1, chunk.cells[3 * i + 2]!]);
  }
  return runs;
}
