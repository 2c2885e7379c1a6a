import { parentPort, workerData } from 'node:worker_threads';
import { runTheory, type TheoryOptions } from '@resnet/core';

// One thread of `resnet theory`: runs the predictions it is given and posts progress, then the result.
const options = (workerData as { options: TheoryOptions }).options;
const result = runTheory({
  ...options,
  onProgress: (done, total, label) => parentPort?.postMessage({ kind: 'progress', done, total, label }),
});
parentPort?.postMessage({ kind: 'result', result });
