import { Piscina } from 'piscina';

/** A pool of `threads` sweep workers, all started at once (a sweep keeps every one busy). */
export function createPool(workerFilename: string, threads: number): Piscina {
  return new Piscina({
    filename: workerFilename,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: 30_000,
    // The worker is compiled JavaScript: module loaders the parent runs under (tsx, a test runner)
    // would only slow every worker's start-up, so a parent with loaders gives its workers no flags.
    // Otherwise workers inherit the parent's flags (an explicit list may not hold V8 flags).
    ...(hasLoader(process.execArgv) ? { execArgv: [] } : {}),
  });
}

const LOADER_FLAGS = ['--import', '--require', '-r', '--loader', '--experimental-loader'];

/** Whether execArgv preloads modules or registers loaders (`--import x`, `--require=x`, ...). */
export function hasLoader(argv: readonly string[]): boolean {
  return argv.some((a) => LOADER_FLAGS.includes(a.split('=')[0]!));
}
