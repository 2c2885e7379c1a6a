import type { EpochRecord, TrainArch } from '@resnet/core';
import { esc } from './dom.js';
import type { PlotSpec, XY } from './svgPlot.js';

/** What the page holds of one training run, step by step as the worker reports it. */
export interface RunView {
  arch: TrainArch;
  total: number;
  stepsPerEpoch: number;
  step: number;
  errors: number[];
  batch: number[];
  loss: number[];
  tests: [number, number][];
  epochs: EpochRecord[];
  done: boolean;
  paused: boolean;
  error: string | null;
  /** Milliseconds spent training so far (pauses left out). */
  ms: number;
}

/** Mini-batches the train-error curve averages over: a quarter epoch (about as many digits as the test set). */
export function trainWindow(run: RunView): number {
  return Math.max(1, Math.round(run.stepsPerEpoch / 4));
}

/** Train error (%) after each step: the misclassified share of the last trainWindow mini-batches (train mode). */
export function trainCurve(run: RunView): XY[] {
  const w = trainWindow(run);
  const out: XY[] = [];
  let errors = 0;
  let rows = 0;
  for (let i = 0; i < run.errors.length; i++) {
    errors += run.errors[i]!;
    rows += run.batch[i]!;
    if (i >= w) {
      errors -= run.errors[i - w]!;
      rows -= run.batch[i - w]!;
    }
    out.push({ x: i + 1, y: (100 * errors) / rows });
  }
  return out;
}

/** One net's plot: train and test error (%) against optimiser steps, epoch ends marked. */
export function trainPlot(run: RunView, color: string, testColor: string): PlotSpec {
  const epochs = run.stepsPerEpoch ? Math.round(run.total / run.stepsPerEpoch) : 0;
  return {
    id: `train-${run.arch}`,
    label: `${run.arch} net: train and test error in percent against optimiser steps`,
    xTitle: 'optimiser step',
    yTitle: 'error (%)',
    logY: false,
    integerX: true,
    xDomain: [0, Math.max(1, run.total)],
    yDomain: [0, 100],
    vLines: Array.from({ length: Math.max(0, epochs - 1) }, (_, e) => (e + 1) * run.stepsPerEpoch),
    series: [
      { name: 'train', color, line: trainCurve(run) },
      {
        name: 'test',
        color: testColor,
        line: run.tests.map(([x, y]) => ({ x, y: 100 * y })),
        points: run.tests.map(([x, y]) => ({ x, y: 100 * y })),
      },
    ],
  };
}

const pct = (v: number | null) => (v === null ? '' : `${(100 * v).toFixed(2)}`);

/** Every finished epoch of both nets, as trainRun records it (full values in data-value). */
export function epochTableHtml(runs: RunView[]): string {
  const rows = runs.flatMap((r) =>
    r.epochs.map(
      (e) =>
        `<tr data-arch="${r.arch}" data-epoch="${e.epoch}"><th scope="row" class="text">${esc(r.arch)}</th><td>${e.epoch}</td>` +
        `<td data-value="${e.trainLoss}">${e.trainLoss.toFixed(4)}</td><td data-value="${e.trainError}">${pct(e.trainError)}</td>` +
        `<td data-value="${e.testError}">${pct(e.testError)}</td></tr>`,
    ),
  );
  return `<table id="train-epochs"><thead><tr><th scope="col" class="text">net</th><th scope="col">epoch</th><th scope="col">train loss</th><th scope="col">train error (%)</th><th scope="col">test error (%)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
