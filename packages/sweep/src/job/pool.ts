import { Piscina } from 'piscina';

/** A pool of `threads` workers of one job, all started at once (a job keeps every one busy). */
export function createPool(workerFilename: string, threads: number): Piscina {
  return new Piscina({
    filename: workerFilename,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    // A worker's young generation would grow to 48 MB (V8's default on 64-bit): with 16 workers
    // that alone is 0.75 GB. 12 MB keeps scavenges cheap (a cell's garbage dies young) and the
    // memory of a sweep from growing with its thread count.
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
    // The worker is compiled JavaScript: module loaders the parent runs under (tsx, a test runner)
    // would only slow every worker's start-up, so a parent with loaders gives its workers no flags.
    // Otherwise workers inherit the parent's flags (an explicit list may not hold V8 flags).
    ...(hasLoader(process.execArgv) ? { execArgv: [] } : {}),
  });
}

/** Young-generation size of each worker's V8 heap, in MB. */
export const WORKER_YOUNG_GENERATION_MB = 12;

const LOADER_FLAGS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];

/** Whether execArgv preloads modules or registers loaders (`--import x`, `--require=x`, ...). */
export function hasLoader(argv: readonly string[]): boolean {
  return argv.some((a) => LOADER_FLAGS.includes(a.split('=')[0]!));
}
