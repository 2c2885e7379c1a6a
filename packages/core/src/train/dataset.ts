import { OptionsError, ShapeError } from '../errors.js';
import { PATTERN_CLASSES, type Patterns } from '../patterns.js';

/** Labelled samples as plain data: x [count×features] row-major, y [count] in 0..classes-1. */
export interface Dataset {
  x: Float64Array;
  y: Int32Array;
  count: number;
  features: number;
  classes: number;
}

/** The first n rows of ds (all of them when it has fewer), as views of its arrays: nothing is copied. */
export function firstRows(ds: Dataset, n: number): Dataset {
  const count = Math.min(n, ds.count);
  return { ...ds, x: ds.x.subarray(0, count * ds.features), y: ds.y.subarray(0, count), count };
}

/** `resnet train --limit n`'s data: the first n training rows and the first ceil(n/4) test rows (views, see firstRows). */
export function limitSplit<S extends { train: Dataset; test: Dataset }>(split: S, limit: number): S {
  return { ...split, train: firstRows(split.train, limit), test: firstRows(split.test, Math.ceil(limit / 4)) };
}

/** Throws ShapeError/OptionsError (naming `${name}.x`, `${name}.y`, ...) unless ds is consistent. */
export function checkDataset(name: string, ds: Dataset): Dataset {
  for (const field of ['count', 'features', 'classes'] as const) {
    const v = ds[field];
    if (!Number.isInteger(v) || v < 1) throw new OptionsError(`${name}.${field}`, v, 'an integer >= 1');
  }
  if (ds.x.length !== ds.count * ds.features)
    throw new ShapeError(`${name}.x`, `${ds.count}×${ds.features}`, ds.x.length);
  if (ds.y.length !== ds.count) throw new ShapeError(`${name}.y`, ds.count, ds.y.length);
  for (let i = 0; i < ds.count; i++) {
    if (ds.y[i] < 0 || ds.y[i] >= ds.classes)
      throw new OptionsError(`${name}.y[${i}]`, ds.y[i], `a label from 0 to ${ds.classes - 1}`);
  }
  return ds;
}

/** Copies the rows order[start..start+batch) of ds into xb [batch×features] and yb [batch]. */
export function gatherBatch(
  ds: Dataset,
  order: Int32Array,
  start: number,
  batch: number,
  xb: Float64Array,
  yb: Int32Array,
): void {
  const f = ds.features;
  for (let r = 0; r < batch; r++) {
    const i = order[start + r];
    xb.set(ds.x.subarray(i * f, (i + 1) * f), r * f);
    yb[r] = ds.y[i];
  }
}

/** The notebook's synthetic patterns as a Dataset (size² features, 3 classes). */
export function patternsDataset(p: Patterns): Dataset {
  return { x: p.X, y: p.y, count: p.numSamples, features: p.size * p.size, classes: PATTERN_CLASSES.length };
}
