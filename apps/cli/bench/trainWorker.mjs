// One worker thread of train.bench.ts: receives the training set (SharedArrayBuffer-backed) once, then
// runs each posted (arch, depth, seed, epochs) with @resnet/core's trainRun on this thread and posts back
// the last epoch's train error and the run's seconds.
import { parentPort, workerData } from 'node:worker_threads';
import { trainRun } from '@resnet/core';

const { train } = workerData;
parentPort.on('message', (job) => {
  const t0 = performance.now();
  const result = trainRun({ arch: job.arch, depth: job.depth, seed: job.seed, epochs: job.epochs }, { train });
  const last = result.epochs[result.epochs.length - 1];
  parentPort.postMessage({ ...job, trainError: last.trainError, seconds: (performance.now() - t0) / 1000 });
});
