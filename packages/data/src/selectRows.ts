import type { Dataset } from '@resnet/core';
import { allocFloat64, allocInt32 } from './alloc.js';

/** A new Dataset of the rows `indices` of ds, in that order (copied; ds is untouched). */
export function selectRows(ds: Dataset, indices: Int32Array, shared = false): Dataset {
  const f = ds.features;
  const x = allocFloat64(indices.length * f, shared);
  const y = allocInt32(indices.length, shared);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r]!;
    x.set(ds.x.subarray(i * f, (i + 1) * f), r * f);
    y[r] = ds.y[i]!;
  }
  return { x, y, count: indices.length, features: f, classes: ds.classes };
}
