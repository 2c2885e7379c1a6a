// A helper thread of trainSplit.bench.ts: rank workerData.rank of a team, running its share of `steps` steps
// (trainSplitStep.mjs) each time the main thread raises the go counter, then reporting.
import { parentPort, workerData } from 'node:worker_threads';
import { createBarrier, gemmOn, splitStep, stepLayout } from './trainSplitStep.mjs';

const { module, memory, rank, size, spin } = workerData;
const gemm = gemmOn(module, memory);
const layout = stepLayout();
const barrier = createBarrier(new Int32Array(memory.buffer, layout.barrier, 2), size, spin);
const go = new Int32Array(memory.buffer, layout.barrier + 16, 2);
parentPort.on('message', ({ round, steps, mode }) => {
  while (Atomics.load(go, 0) < round) Atomics.wait(go, 0, round - 1);
  if (mode === 'barrier') for (let i = 0; i < steps; i++) barrier();
  else for (let i = 0; i < steps; i++) splitStep(gemm, layout, rank, size, barrier);
  parentPort.postMessage('done');
});
parentPort.postMessage('ready');
