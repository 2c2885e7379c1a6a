import {
  ACTIVATIONS,
  BLOCKS,
  DEPTH_UNITS,
  DOUTS,
  INITS,
  type CellSpec,
  type DepthUnit,
  type TrainOptions,
} from '@resnet/core';
import type { PositionSymbol } from './expression.js';

// The variant axes, each declared once: its name (options, manifests, file columns), CLI flag, value type,
// default, the nets and jobs it applies to (and the field it sets there), its label and help text. CLI
// flags, validation, the grid product, file columns, readers, labels and the docs' table all derive from
// this list. Adding an axis: the core field, one entry here, tests.

/** How an axis's values are written and checked. */
export type AxisValues =
  /** One of a list of words. */
  | { type: 'choice'; choices: readonly string[] }
  /** Numbers >= min, or expressions of the cell's coordinates; `position`: the per-position symbol it takes, if any. */
  | { type: 'number'; min: number; position?: PositionSymbol }
  /** Positive integers. */
  | { type: 'integer' };

/** One variant axis. */
export interface AxisDeclaration {
  /** Name in options, manifests, file columns and labels. */
  name: string;
  /** The CLI flag without its dashes, e.g. `branch-scale`. */
  flag: string;
  values: AxisValues;
  /** The single default value; absent when it defaults to another field (`defaultText` says which). */
  default?: string | number;
  /** The default in words, as help and docs show it. */
  defaultText: string;
  /** The nets it applies to: every net, or residual nets only (a plain net's cells never repeat over it). */
  nets: 'all' | 'residual';
  /** The jobs it applies to and the field it sets: core's CellSpec field (sweep), TrainOptions field (train). */
  jobs: { sweep?: keyof CellSpec; train?: keyof TrainOptions };
  /** Whether the cells files get a column for it (false: the cells already carry the value, e.g. width). */
  cellColumn: boolean;
  /** Short name in variant labels (`eta=0.5`); '' labels a value by itself (`preact`). */
  label: string;
  /** What it is, for help and docs. */
  describe: string;
}

const DECLARED = [
  {
    name: 'block',
    flag: 'blocks',
    values: { type: 'choice', choices: BLOCKS },
    default: 'notebook',
    defaultText: 'notebook',
    nets: 'residual',
    jobs: { sweep: 'block' },
    cellColumn: true,
    label: '',
    describe: 'Residual blocks',
  },
  {
    name: 'init',
    flag: 'inits',
    values: { type: 'choice', choices: INITS },
    default: 'he',
    defaultText: 'he',
    nets: 'all',
    jobs: { sweep: 'init' },
    cellColumn: true,
    label: '',
    describe: 'Inits',
  },
  {
    name: 'sigmaW2',
    flag: 'sigma-w2',
    values: { type: 'number', min: 0, position: 'layer' },
    defaultText: "the init's own",
    nets: 'all',
    jobs: { sweep: 'sigmaW2' },
    cellColumn: true,
    label: 'sigma_w^2',
    describe: 'Weight variance gains sigma_w^2',
  },
  {
    name: 'activation',
    flag: 'activations',
    values: { type: 'choice', choices: ACTIVATIONS },
    default: 'relu',
    defaultText: 'relu',
    nets: 'all',
    jobs: { sweep: 'activation' },
    cellColumn: true,
    label: 'act',
    describe: 'Hidden activations',
  },
  {
    name: 'outputActivation',
    flag: 'output-activations',
    values: { type: 'choice', choices: ACTIVATIONS },
    default: 'relu',
    defaultText: 'relu',
    nets: 'all',
    jobs: { sweep: 'outputActivation' },
    cellColumn: true,
    label: 'out',
    describe: 'Output activations',
  },
  {
    name: 'inputActivation',
    flag: 'input-activations',
    values: { type: 'choice', choices: ACTIVATIONS },
    defaultText: '= --activations',
    nets: 'residual',
    jobs: { sweep: 'inputActivation' },
    cellColumn: true,
    label: 'in',
    describe: 'Residual input-projection activations',
  },
  {
    name: 'branchScale',
    flag: 'branch-scale',
    values: { type: 'number', min: -Infinity, position: 'block' },
    default: 1,
    defaultText: '1',
    nets: 'residual',
    jobs: { sweep: 'branchScale', train: 'branchScale' },
    cellColumn: true,
    label: 'eta',
    describe: 'Residual branch scales eta',
  },
  {
    name: 'shortcutScale',
    flag: 'shortcut-scale',
    values: { type: 'number', min: -Infinity, position: 'block' },
    default: 1,
    defaultText: '1',
    nets: 'residual',
    jobs: { sweep: 'shortcutScale' },
    cellColumn: true,
    label: 'lambda',
    describe: 'Shortcut scales lambda',
  },
  {
    name: 'width',
    flag: 'widths',
    values: { type: 'integer' },
    defaultText: '--width',
    nets: 'all',
    jobs: { sweep: 'width' },
    cellColumn: false,
    label: 'width',
    describe: 'Hidden widths',
  },
  {
    name: 'dout',
    flag: 'dout',
    values: { type: 'choice', choices: DOUTS },
    default: 'ones',
    defaultText: 'ones',
    nets: 'all',
    jobs: { sweep: 'dout' },
    cellColumn: true,
    label: 'dout',
    describe: 'Output gradients (normal: N(0, I) drawn right after x)',
  },
  {
    name: 'batch',
    flag: 'batch',
    values: { type: 'integer' },
    default: 1,
    defaultText: '1',
    nets: 'all',
    jobs: { sweep: 'batch' },
    cellColumn: true,
    label: 'batch',
    describe: 'Inputs per cell, the loss summed over them',
  },
  {
    name: 'inputScale',
    flag: 'input-scale',
    values: { type: 'number', min: -Infinity },
    default: 1,
    defaultText: '1',
    nets: 'all',
    jobs: { sweep: 'inputScale' },
    cellColumn: true,
    label: 'x-scale',
    describe: 'Input scales s: x drawn from N(0, I), then times s',
  },
] as const satisfies readonly AxisDeclaration[];

/** One axis's declaration with its literal types (types derived from the declarations use it). */
export type DeclaredAxis = (typeof DECLARED)[number];
/** The name of one axis. */
export type AxisName = DeclaredAxis['name'];
/** One declared axis. */
export interface Axis extends AxisDeclaration {
  name: AxisName;
}
/** A numeric axis (numbers or expressions). */
export type NumericAxis = Axis & { values: Extract<AxisValues, { type: 'number' }> };

/** The variant axes in their fixed axis order (the first varies slowest in the grid product). */
export const AXES: readonly Axis[] = DECLARED;
/** The axis names in axis order. */
export const AXIS_NAMES: readonly AxisName[] = AXES.map((a) => a.name);
/** A job that takes axes. */
export type AxisJob = 'sweep' | 'train';

/** A numeric axis value: a number, or an expression of the cell's coordinates (kept as text). */
export type AxisNumber = number | string;
/** The value type of one axis's entries as options hold them. */
type ValueOf<A extends DeclaredAxis> = A['values'] extends { type: 'choice'; choices: readonly (infer C)[] }
  ? C
  : A['values'] extends { type: 'number' }
    ? AxisNumber
    : number;

/** The list-valued variant axes of a grid; an absent axis has its default. */
export type VariantAxes = { [A in DeclaredAxis as A['name']]?: ValueOf<A>[] };

/** A grid's axes as options and manifests hold them: only non-default entries, in axis order, `depthUnit` last. */
export interface SweepAxes extends VariantAxes {
  /** How depths are read (core's DepthUnit); default the job's own (sweep: native, train: layers). */
  depthUnit?: DepthUnit;
}

/** An axis's declaration by name. */
export function axisOf(name: AxisName): Axis {
  return AXES.find((a) => a.name === name)!;
}

/** The CLI flag of an axis, dashes included (`--branch-scale`). */
export function axisFlag(a: Pick<AxisDeclaration, 'flag'>): string {
  return `--${a.flag}`;
}

/** The axes a job takes, in axis order. */
export function jobAxes(job: AxisJob): Axis[] {
  return AXES.filter((a) => a.jobs[job] !== undefined);
}

/** Whether an axis takes numbers and expressions. */
export function isNumeric(a: Axis): a is NumericAxis {
  return a.values.type === 'number';
}

/** What an axis accepts, in words (errors and help). */
export function axisAccepts(a: Axis): string {
  return a.values.type === 'choice'
    ? `a non-empty comma-separated list of ${a.values.choices.join(', ')}`
    : a.values.type === 'number'
      ? 'a non-empty comma-separated list of numbers or expressions (e.g. 1,1/sqrt(depth))'
      : 'a non-empty comma-separated list of positive integers';
}

/** The depth unit each job reads `--depths` in when `--depth-unit` is not given. */
export const DEFAULT_DEPTH_UNIT: Readonly<Record<AxisJob, DepthUnit>> = { sweep: 'native', train: 'layers' };

/** The units `--depth-unit` takes (core's DEPTH_UNITS, here for front ends that load this module and not all of core). */
export { DEPTH_UNITS };

/** What `--depth-unit` means, in the same words for every command (help and README), its units in core's DEPTH_UNITS order. */
export const DEPTH_UNIT_HELP =
  'How --depths counts: native (plain nets: layers, residual nets: blocks), layers (weight layers) or blocks (residual blocks; a plain net gets 2*blocks+2 layers)';
