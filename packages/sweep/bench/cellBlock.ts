// What the Parquet benches encode: real cells of the README grid's groups, and how they are timed.
import { cell, cellLayout, type Arch } from '@resnet/core';
import type { RowGroupInput } from '@resnet/sweep';

/** `n` cells of depths 5..40 of both archs (72 groups per seed, seed-major) as one unit's encoder input. */
export function cellBlock(n: number): RowGroupInput {
  const archs: Arch[] = ['plain', 'residual'];
  const groups = archs.flatMap((arch) => Array.from({ length: 36 }, (_, i) => ({ arch, depth: 5 + i })));
  const specs = Array.from({ length: n }, (_, k) => ({ ...groups[k % groups.length]!, seed: Math.floor(k / 72) }));
  const records = new Float64Array(specs.reduce((s, c) => s + cellLayout(c).length, 0));
  let at = 0;
  for (const s of specs) at += cell({ ...s, width: 16, inputSize: 16 }, records, at).length;
  return {
    records,
    arch: specs.map((s) => s.arch),
    depth: specs.map((s) => s.depth),
    seed: specs.map((s) => s.seed),
    width: 16,
    inputSize: 16,
  };
}

/** The median of some timings. */
export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
