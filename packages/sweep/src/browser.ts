// The Node-free part of the sweep, for a browser (the explorer bundles it): the grid's flags parsed as the CLI
// parses them, its layout, one cell's summary values and summary.csv. Nothing reached from here may import a
// Node module, except expression.ts's lazy mathjs load (a bundler maps `node:module`'s createRequire to mathjs).
export { SweepError, GridError } from './errors.js';
export { parseDepths, parseSeeds, parseArchs, checkPlainDepth, MAX_SEED } from './grid.js';
export { parseAxes, parseAxisList } from './parseAxes.js';
export {
  AXES,
  AXIS_NAMES,
  axisFlag,
  jobAxes,
  type Axis,
  type AxisName,
  type DeclaredAxis,
  type SweepAxes,
} from './axes.js';
export { appliesTo, resolveAxes } from './variants.js';
export { compileExpression, type ExpressionScope } from './expression.js';
export { variantLabel } from './axisColumns.js';
export { createLayout, groupOf, seedIdxOf, type GridLayout } from './layout.js';
export type { GroupCell } from './groupCell.js';
export { cellStats } from './cellStats.js';
export { buildSummary, summaryHeader } from './summary.js';
export { parseCsv } from './csv.js';
export { STAT_FIELDS, STAT_RATIO, STAT_FIRST_GRAD } from './folder/names.js';
export { STAT_LAST_GRAD, STAT_LAST_ACT, STAT_NONFINITE } from './folder/names.js';
export type { GridSpec } from './types.js';
