import { Worker } from 'node:worker_threads';
import {
  mergeTheoryResults,
  resolveTheoryOptions,
  runTheory,
  splitPredictions,
  type TheoryOptions,
  type TheoryResult,
} from '@resnet/core';

/** Progress of a theory run: steps done and in all (over every thread), and what was just measured. */
export type TheoryProgress = (done: number, total: number, label: string) => void;

/**
 * runTheory on up to `threads` worker threads: the predictions are dealt into groups of about equal cost, each
 * group runs in its own thread, and the results are joined. The result equals one run's (each prediction depends
 * on its options and seeds only), whatever the thread count; one thread runs in this one.
 */
export async function runTheoryThreads(
  options: Omit<TheoryOptions, 'onProgress'>,
  threads: number,
  onProgress: TheoryProgress,
): Promise<TheoryResult> {
  const t0 = performance.now();
  const all = resolveTheoryOptions(options).predictions;
  const groups = splitPredictions(all, threads);
  if (groups.length === 1) return runTheory({ ...options, onProgress });
  const done = groups.map(() => 0);
  const total = groups.map(() => 0);
  const parts = await Promise.all(
    groups.map(
      (predictions, i) =>
        new Promise<TheoryResult>((resolve, reject) => {
          const worker = new Worker(new URL('./theoryWorker.js', import.meta.url), {
            workerData: { options: { ...options, predictions } },
          });
          worker.on(
            'message',
            (
              m:
                | { kind: 'progress'; done: number; total: number; label: string }
                | { kind: 'result'; result: TheoryResult },
            ) => {
              if (m.kind === 'result') return resolve(m.result);
              done[i] = m.done;
              total[i] = m.total;
              onProgress(sum(done), sum(total), m.label);
            },
          );
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`theory worker stopped with exit code ${code}`));
          });
        }),
    ),
  );
  return mergeTheoryResults(parts, (performance.now() - t0) / 1000);
}

const sum = (v: readonly number[]) => v.reduce((s, x) => s + x, 0);
