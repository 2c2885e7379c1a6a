import type { Arch } from '@resnet/core';
import { AXES, axisFlag, type SweepAxes } from './axes.js';
import { GridError } from './errors.js';

// The size of a grid from its counts alone, before anything is expanded: variants per arch are the product
// of the listed axes' lengths, groups the sum over archs of variants x depths. Browser-safe (the explorer's
// grids pass through createLayout too).

/** Most (arch, variant, depth) groups a grid may have: about 0.6 KB each on every thread that lays it out (measured, Node 20). */
export const MAX_GROUPS = 1_000_000;

/** Variants of `arch` from the counts: the product of the lengths of the listed axes that apply to it. */
export function variantCount(axes: SweepAxes | undefined, arch: Arch): number {
  let n = 1;
  for (const a of AXES) {
    const values = axes?.[a.name] as unknown[] | undefined;
    if (values && (a.nets === 'all' || arch === 'residual')) n *= values.length;
  }
  return n;
}

/** Groups of a grid from its counts (no variant is built): the sum over archs of variants x depths. */
export function groupCount(archs: readonly Arch[], depthCount: number, axes: SweepAxes | undefined): number {
  let n = 0;
  for (const arch of archs) n += variantCount(axes, arch) * depthCount;
  return n;
}

/** The flags that multiply a grid, with their counts: `--depths (40 values) x --branch-scale (3000 values)`. */
export function gridFactors(depthCount: number, axes: SweepAxes | undefined): string {
  const listed = AXES.filter((a) => (axes?.[a.name] as unknown[] | undefined)?.length);
  const count = (n: number) => `${n.toLocaleString('en-US')} value${n === 1 ? '' : 's'}`;
  return [
    `--depths (${count(depthCount)})`,
    ...listed.map((a) => `${axisFlag(a)} (${count((axes![a.name] as unknown[]).length)})`),
  ].join(' x ');
}

/**
 * Refuses a grid of more than MAX_GROUPS groups before it is expanded (a product of long axis lists would
 * otherwise grow to gigabytes first), naming the flags that multiply it.
 */
export function checkGroupCount(archs: readonly Arch[], depthCount: number, axes: SweepAxes | undefined): number {
  const groups = groupCount(archs, depthCount, axes);
  if (groups > MAX_GROUPS)
    throw new GridError(
      gridFactors(depthCount, axes),
      `${groups.toLocaleString('en-US')} (arch, variant, depth) groups`,
      `at most ${MAX_GROUPS.toLocaleString('en-US')} groups`,
      'Use fewer values on the listed flags, or split the grid into several sweeps.',
    );
  return groups;
}
