import type { TrainResult } from '@resnet/core';
import { integralFloatText } from '../encode/jsonl.js';
import type { RunCoords } from './plan.js';

/** One line of runs.jsonl, parsed (non-finite values read back as null). */
export interface RunRecord {
  arch: string;
  depth: number;
  seed: number;
  /** The run's resolved options (branchScale as the number used). */
  options: Record<string, unknown>;
  steps: number;
  trainLoss: Array<number | null>;
  trainError: Array<number | null>;
  testError: Array<number | null>;
  finalTrainLoss: number | null;
  finalTrainError: number | null;
  finalTestError: number | null;
}

/** A float as runs.jsonl writes it: shortest round-trip digits, `.0` on integral values, null when not finite. */
function num(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'null';
  return Number.isInteger(v) || Object.is(v, -0) ? integralFloatText(v) : String(v);
}

const list = (values: Array<number | null>) => `[${values.map(num).join(',')}]`;

/**
 * The runs.jsonl line of a finished run (newline included), keys in the documented order:
 * arch, depth, seed, options, steps, trainLoss, trainError, testError (per epoch), then the final values.
 */
export function runLine(run: RunCoords, result: TrainResult): { text: string; nonFinite: number } {
  const { arch: _a, depth: _d, seed: _s, ...options } = result.config;
  const e = result.epochs;
  const loss = e.map((r) => r.trainLoss);
  const err = e.map((r) => r.trainError);
  const test = e.map((r) => r.testError);
  const last = e[e.length - 1]!;
  const finals = [last.trainLoss, last.trainError, last.testError];
  const nonFinite = finals.some((v) => v !== null && !Number.isFinite(v)) ? 1 : 0;
  const text =
    `{"arch":${JSON.stringify(run.arch)},"depth":${run.depth},"seed":${run.seed},"options":${JSON.stringify(options)},"steps":${result.steps},` +
    `"trainLoss":${list(loss)},"trainError":${list(err)},"testError":${list(test)},` +
    `"finalTrainLoss":${num(last.trainLoss)},"finalTrainError":${num(last.trainError)},"finalTestError":${num(last.testError)}}\n`;
  return { text, nonFinite };
}

/** Parses runs.jsonl text into records, in file order. */
export function parseRuns(text: string): RunRecord[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunRecord);
}
