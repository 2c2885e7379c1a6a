import { mergeFolders } from './job/merge.js';
import { SWEEP_JOB } from './sweepJob.js';

/** Options of mergeSweeps beyond the folders. */
export interface MergeOptions {
  /** The command line, recorded in the merged manifest.json. */
  command?: string;
  /** Aborting stops the merge: `out` is left as it was, with no temporary file. */
  signal?: AbortSignal;
}

/**
 * Merges complete shard folders of one sweep grid into `out`, equal byte for byte to the single-machine
 * sweep (manifest `run` aside), through the job core's mergeFolders: each cells file is the shards'
 * files concatenated (Parquet: their row groups, with one new footer), summary.csv rebuilt from
 * cellstats.f64; no cell is parsed.
 */
export async function mergeSweeps(
  dirs: readonly string[],
  out: string,
  options: MergeOptions = {},
): Promise<{ out: string; cellCount: number }> {
  const merged = await mergeFolders(SWEEP_JOB, dirs, out, options);
  return { out: merged.out, cellCount: merged.rows };
}
