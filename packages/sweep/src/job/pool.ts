import { pathToFileURL } from 'node:url';
import { Piscina, valueSymbol } from 'piscina';

/** What runUnits needs of a pool: run a task, and end. */
export type UnitPool = Pick<Piscina, 'run' | 'destroy'>;

/**
 * A pool of `threads` workers of one job, all started at once (a job keeps every one busy). Each worker is handed up
 * to `tasksPerWorker` tasks at once: a worker runs them one after the other, and the next is already in its port when
 * one ends, so a worker of short units never waits for the main thread to send it more (a sweep's units take a few
 * ms; handed one at a time, its workers idled ~40 % of the README grid waiting for the round trip).
 */
export function createPool(workerFilename: string, threads: number, tasksPerWorker = 1): Piscina {
  return new Piscina({
    filename: workerFilename,
    minThreads: threads,
    maxThreads: threads,
    concurrentTasksPerWorker: tasksPerWorker,
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

/**
 * Runs each task on the calling thread with the worker module's default export (loaded on the first task): for a
 * folder of less work than a worker thread takes to start. The result is the one a worker would post (piscina's
 * move() wrapper unwrapped).
 */
export function inlinePool(workerFilename: string): UnitPool {
  let worker: Promise<(task: unknown) => unknown> | null = null;
  return {
    run: async (task: unknown) => {
      worker ??= import(pathToFileURL(workerFilename).href).then(
        (m: { default: (task: unknown) => unknown }) => m.default,
      );
      const result = (await worker)(task) as { [valueSymbol]?: unknown } | null;
      return result !== null && typeof result === 'object' && valueSymbol in result ? result[valueSymbol] : result;
    },
    destroy: async () => undefined,
  };
}
