import type { TrainResult } from '@resnet/core';
import { floatText, jsonValue } from '../encode/jsonl.js';
import type { ColumnSpec } from '../parquet/schema.js';
import { appliesNot } from '../read/appliesNot.js';
import type { RunCoords } from './plan.js';

/** One training run as both runs files hold it (non-finite values as NaN and ±Infinity). */
export interface RunRecord {
  arch: string;
  depth: number;
  seed: number;
  /** The run's resolved options (branchScale as the number used), in core's order. */
  options: Record<string, unknown>;
  /** Optimiser steps. */
  steps: number;
  /** Per epoch: train-mode loss and error averaged over the epoch, eval-mode test error after it (NaN without a test set). */
  trainLoss: number[];
  trainError: number[];
  testError: number[];
  /**
   * ||dW|| of every dense layer on the gradient-norm batch (core's createTrainer), (epochs + 1) × depth values: at
   * initialisation, then after each epoch, each first layer to last.
   */
  gradNorms: number[];
  finalTrainLoss: number;
  finalTrainError: number;
  finalTestError: number;
  /** "" when every measured value is finite, else space-separated `path=value` entries in field order, e.g. `trainLoss[2]=NaN finalTrainLoss=NaN`. */
  nonFinite: string;
  /** A grid with axes: the run's axis columns (`branchScaleExpr`, `depthUnit`), after nonFinite in both files. */
  axes?: Record<string, string | number | null>;
}

/** The list fields of a record, in file order (what nonFinite names): three per epoch, then the gradient norms. */
export const RUN_LISTS = ['trainLoss', 'trainError', 'testError', 'gradNorms'] as const;
/** The final values of a record, in file order. */
export const RUN_FINALS = ['finalTrainLoss', 'finalTrainError', 'finalTestError'] as const;

/** The record of a finished run: core's per-epoch values (a missing test set's null as NaN, not listed in nonFinite). */
export function runRecord(
  run: Pick<RunCoords, 'arch' | 'depth' | 'seed'>,
  result: TrainResult,
  axes: Record<string, string | number | null> = {},
): RunRecord {
  const { arch: _a, depth: _d, seed: _s, ...options } = result.config;
  const e = result.epochs;
  const last = e[e.length - 1]!;
  const raw: Record<string, Array<number | null> | number | null> = {
    trainLoss: e.map((r) => r.trainLoss),
    trainError: e.map((r) => r.trainError),
    testError: e.map((r) => r.testError),
    gradNorms: [...result.initGradNorms, ...e.flatMap((r) => r.gradNorms)],
    finalTrainLoss: last.trainLoss,
    finalTrainError: last.trainError,
    finalTestError: last.testError,
  };
  const parts: string[] = [];
  const note = (path: string, v: number | null) => {
    if (v !== null && !Number.isFinite(v)) parts.push(`${path}=${v}`);
  };
  for (const k of RUN_LISTS) {
    const values = raw[k] as Array<number | null>;
    for (let i = 0; i < values.length; i++) note(`${k}[${i}]`, values[i]!);
  }
  for (const k of RUN_FINALS) note(k, raw[k] as number | null);
  const nan = (v: number | null) => (v === null ? NaN : v);
  return {
    arch: run.arch,
    depth: run.depth,
    seed: run.seed,
    options: options as Record<string, unknown>,
    steps: result.steps,
    trainLoss: (raw.trainLoss as Array<number | null>).map(nan),
    trainError: (raw.trainError as Array<number | null>).map(nan),
    testError: (raw.testError as Array<number | null>).map(nan),
    gradNorms: raw.gradNorms as number[],
    finalTrainLoss: nan(last.trainLoss),
    finalTrainError: nan(last.trainError),
    finalTestError: nan(last.testError),
    nonFinite: parts.join(' '),
    ...(Object.keys(axes).length ? { axes } : {}),
  };
}

/** Whether a run diverged: its final train loss or error is NaN or infinite. */
export function runDiverged(r: RunRecord): boolean {
  return !Number.isFinite(r.finalTrainLoss) || !Number.isFinite(r.finalTrainError);
}

const list = (values: readonly number[]) => `[${values.map(floatText).join(',')}]`;

/**
 * The runs.jsonl line of a run (newline included), keys in the documented order: arch, depth, seed,
 * options, steps, trainLoss, trainError, testError (per epoch), gradNorms, the final values, nonFinite, any axis
 * columns. Values are written by their runs.parquet column's kind (`columns`): a `double` option is a
 * float in every folder (`"lr":100.0`, `"width":64.0`), never an integer in one and a float in another.
 */
export function runLine(r: RunRecord, columns: readonly ColumnSpec[]): string {
  const kind = new Map(columns.map((c) => [c.name, c.kind]));
  const field = ([k, v]: [string, unknown]) => `${JSON.stringify(k)}:${jsonValue(kind.get(k) ?? '', v)}`;
  const options = Object.entries(r.options).map(field).join(',');
  const axes = Object.entries(r.axes ?? {})
    .map((e) => `,${field(e)}`)
    .join('');
  return (
    `{"arch":${JSON.stringify(r.arch)},"depth":${r.depth},"seed":${r.seed},"options":{${options}},"steps":${r.steps},` +
    `"trainLoss":${list(r.trainLoss)},"trainError":${list(r.trainError)},"testError":${list(r.testError)},` +
    `"gradNorms":${list(r.gradNorms)},` +
    `"finalTrainLoss":${floatText(r.finalTrainLoss)},"finalTrainError":${floatText(r.finalTrainError)},"finalTestError":${floatText(r.finalTestError)},` +
    `"nonFinite":${JSON.stringify(r.nonFinite)}${axes}}\n`
  );
}

/** Parses runs.jsonl text into records, in file order: null reads back as NaN, or as the ±Infinity nonFinite names. */
export function parseRuns(text: string): RunRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => restore(JSON.parse(line) as RunRecord));
}

function restore(r: RunRecord): RunRecord {
  const x = r as unknown as Record<string, unknown>;
  // Keys after nonFinite are the axis columns.
  const keys = Object.keys(x);
  const tail = keys.slice(keys.indexOf('nonFinite') + 1);
  if (keys.includes('nonFinite') && tail.length) {
    // An axis that does not apply to the run's net (null here) is left out, as readCells does.
    const own = tail.filter((k) => !appliesNot(r.arch, k));
    if (own.length) r.axes = Object.fromEntries(own.map((k) => [k, x[k] as string | number | null]));
    for (const k of tail) delete x[k];
  }
  for (const k of RUN_LISTS) x[k] = (r[k] as Array<number | null>).map((v) => v ?? NaN);
  for (const k of RUN_FINALS) x[k] = r[k] ?? NaN;
  r.nonFinite ??= '';
  for (const entry of r.nonFinite ? r.nonFinite.split(' ') : []) {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?=(.*)$/.exec(entry);
    if (!m) continue;
    const v = Number(m[3]);
    if (m[2] === undefined) {
      if ((RUN_FINALS as readonly string[]).includes(m[1]!)) x[m[1]!] = v;
    } else if ((RUN_LISTS as readonly string[]).includes(m[1]!)) {
      const values = x[m[1]!] as number[];
      const i = Number(m[2]);
      if (i < values.length) values[i] = v;
    }
  }
  return r;
}
