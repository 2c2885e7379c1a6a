import type { Arch } from '@resnet/core';
import { variantLabel, type GridLayout } from '@resnet/sweep/browser';

/** One curve of the plots: an (arch, variant) of the grid and its groups, shallowest first. */
export interface Series {
  /** `plain`, `residual`, or with a variant `residual: preact, eta=0` (the report's curve labels). */
  key: string;
  arch: Arch;
  /** The groups of the layout (= rows of summary.csv) that make the curve. */
  groups: number[];
}

/** The curves of a grid, in the layout's group order (archs as given, each arch's variants, depths ascending). */
export function seriesOf(l: GridLayout): Series[] {
  const out: Series[] = [];
  for (let g = 0; g < l.groupCount; g++) {
    const arch = l.groupArch[g]!;
    const variant = l.grid.axes ? variantLabel(l.groupCells[g]!.values, l.grid.axes) : '';
    const key = variant ? `${arch}: ${variant}` : arch;
    const last = out.at(-1);
    if (last?.key === key) last.groups.push(g);
    else out.push({ key, arch, groups: [g] });
  }
  return out;
}
