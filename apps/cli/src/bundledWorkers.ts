import { fileURLToPath } from 'node:url';

/** Set by scripts/bundle.mjs (esbuild's define) to the bundled workers' files beside the bundle; absent in the module tree. */
declare const RESNET_BUNDLED_WORKERS: { sweep: string } | undefined;

/**
 * The sweep worker bundled with the CLI (dist/sweepWorker.mjs: one file for a worker thread to load instead of the
 * package's module tree), or undefined when the CLI runs unbundled (the package's own dist/worker.js is used).
 */
export function bundledSweepWorker(): string | undefined {
  if (typeof RESNET_BUNDLED_WORKERS === 'undefined') return undefined;
  return fileURLToPath(new URL(RESNET_BUNDLED_WORKERS.sweep, import.meta.url));
}
