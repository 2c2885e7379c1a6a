import {
  ACTIVATIONS,
  BLOCKS,
  DEPTH_UNITS,
  DOUTS,
  INITS,
  type Activation,
  type Arch,
  type Block,
  type DepthUnit,
  type Dout,
  type Init,
} from '@resnet/core';
import { GridError } from './errors.js';
import { compileExpression, POSITION_SYMBOLS, type PositionSymbol } from './expression.js';

// The variant axes of a grid: one list per network field (every default the notebook's single value),
// and the depth unit. One home for their names, order, flags, defaults and validation.

/** A numeric axis value: a number, or an expression of the cell's coordinates (kept as text). */
export type AxisNumber = number | string;

/** The list-valued variant axes of a grid; an absent axis has its default (the notebook's). */
export interface VariantAxes {
  /** Residual block kinds; default ['notebook']. */
  block?: Block[];
  /** Weight inits; default ['he']. */
  init?: Init[];
  /** sigma_w^2 values or expressions; default: each init's own. */
  sigmaW2?: AxisNumber[];
  /** Hidden activations; default ['relu']. */
  activation?: Activation[];
  /** Output activations; default ['relu']. */
  outputActivation?: Activation[];
  /** Residual input-projection activations; default: the cell's activation. */
  inputActivation?: Activation[];
  /** Branch scales eta; default [1]. */
  branchScale?: AxisNumber[];
  /** Shortcut scales lambda; default [1]. */
  shortcutScale?: AxisNumber[];
  /** Hidden widths; default [the grid's width]. Listed here only when more than one. */
  width?: number[];
  /** Output gradients; default ['ones']. */
  dout?: Dout[];
  /** Inputs per cell (core's CellSpec.batch); default [1]. */
  batch?: number[];
}

/** A grid's axes as GridSpec and manifest.json hold them: only non-default entries, in AXIS_NAMES order, depthUnit last. */
export interface SweepAxes extends VariantAxes {
  /** How depths are read (core's DepthUnit); default 'native' (plain: layers, residual: blocks). */
  depthUnit?: DepthUnit;
}

/** The list axes in group order (the first varies slowest; depth varies fastest after the last). */
export const AXIS_NAMES = [
  'block',
  'init',
  'sigmaW2',
  'activation',
  'outputActivation',
  'inputActivation',
  'branchScale',
  'shortcutScale',
  'width',
  'dout',
  'batch',
] as const satisfies readonly (keyof VariantAxes)[];
/** One list axis. */
export type AxisName = (typeof AXIS_NAMES)[number];

/** The CLI flag of each axis (errors and messages name it). */
export const AXIS_FLAGS: Record<AxisName | 'depthUnit', string> = {
  block: '--blocks',
  init: '--inits',
  sigmaW2: '--sigma-w2',
  activation: '--activations',
  outputActivation: '--output-activations',
  inputActivation: '--input-activations',
  branchScale: '--branch-scale',
  shortcutScale: '--shortcut-scale',
  width: '--widths',
  dout: '--dout',
  batch: '--batch',
  depthUnit: '--depth-unit',
};

/** Numeric axes that accept expressions, and the least value each accepts. */
export const NUMERIC_AXES: Partial<Record<AxisName, number>> = {
  sigmaW2: 0,
  branchScale: -Infinity,
  shortcutScale: -Infinity,
};

/**
 * The per-position symbol each numeric axis accepts: sigmaW2 takes one value per weight layer (`layer`), the
 * scales one per residual block (`block`). An expression using it is evaluated per position; the other one is refused.
 */
export const AXIS_POSITION: Partial<Record<AxisName, PositionSymbol>> = {
  sigmaW2: 'layer',
  branchScale: 'block',
  shortcutScale: 'block',
};

const POSITION_WORDS: Record<PositionSymbol, string> = { block: 'residual block', layer: 'weight layer' };

/** Compiles a numeric axis's expression and refuses the per-position symbol that is not its own (a usage error naming the flag and the symbol). */
export function compileAxisExpression(name: AxisName, text: string): ReturnType<typeof compileExpression> {
  const flag = AXIS_FLAGS[name];
  const fn = compileExpression(flag, text);
  const own = AXIS_POSITION[name]!;
  for (const s of POSITION_SYMBOLS) {
    if (s === own || !fn.symbols.includes(s)) continue;
    throw new GridError(
      flag,
      text,
      `an expression whose per-position symbol, if any, is "${own}"`,
      `The symbol "${s}" (the 1-based ${POSITION_WORDS[s]} index) is not allowed in ${flag}, which takes one value per ${POSITION_WORDS[own]} ("${own}").`,
    );
  }
  return fn;
}

const CHOICES: Partial<Record<AxisName, readonly string[]>> = {
  block: BLOCKS,
  init: INITS,
  activation: ACTIVATIONS,
  outputActivation: ACTIVATIONS,
  inputActivation: ACTIVATIONS,
  dout: DOUTS,
};
/** Single default values of the axes that have one (sigmaW2, inputActivation and width default to other fields). */
const DEFAULTS: Partial<Record<AxisName, string | number>> = {
  block: 'notebook',
  init: 'he',
  activation: 'relu',
  outputActivation: 'relu',
  branchScale: 1,
  shortcutScale: 1,
  dout: 'ones',
  batch: 1,
};

/**
 * Validates the axes (each value, expressions compiled once) and returns only the non-default ones in
 * AXIS_NAMES order, or undefined when all are default. `width` is the grid's single width (kept out when
 * the width axis is that one value).
 */
export function resolveAxes(axes: SweepAxes | undefined, width: number): SweepAxes | undefined {
  if (axes === undefined) return undefined;
  if (axes === null || typeof axes !== 'object')
    throw new GridError('axes', axes, `an object with some of ${AXIS_NAMES.join(', ')}, depthUnit`);
  const out: SweepAxes = {};
  for (const name of AXIS_NAMES) {
    const list = axes[name] as unknown;
    if (list === undefined) continue;
    const values = checkList(name, list);
    const single = values.length === 1 ? values[0] : undefined;
    if (single !== undefined && (single === DEFAULTS[name] || (name === 'width' && single === width))) continue;
    (out as Record<string, unknown>)[name] = values;
  }
  if (axes.depthUnit !== undefined) {
    if (!DEPTH_UNITS.includes(axes.depthUnit))
      throw new GridError('--depth-unit', axes.depthUnit, `one of ${DEPTH_UNITS.join(', ')}`);
    if (axes.depthUnit !== 'native') out.depthUnit = axes.depthUnit;
  }
  for (const key of Object.keys(axes)) {
    if (key !== 'depthUnit' && !(AXIS_NAMES as readonly string[]).includes(key)) {
      throw new GridError('axes', key, `one of ${AXIS_NAMES.join(', ')}, depthUnit`);
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function checkList(name: AxisName, list: unknown): Array<string | number> {
  const flag = AXIS_FLAGS[name];
  const choices = CHOICES[name];
  const numeric = name in NUMERIC_AXES;
  const expected = choices
    ? `a non-empty comma-separated list of ${choices.join(', ')}`
    : numeric
      ? 'a non-empty comma-separated list of numbers or expressions (e.g. 1,1/sqrt(depth))'
      : 'a non-empty comma-separated list of positive integers';
  if (!Array.isArray(list) || list.length === 0) throw new GridError(flag, list, expected);
  const out: Array<string | number> = [];
  for (const v of list as unknown[]) {
    if (choices) {
      if (typeof v !== 'string' || !choices.includes(v)) throw new GridError(flag, v, expected);
    } else if (numeric) {
      if (typeof v === 'string') compileAxisExpression(name, v);
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < NUMERIC_AXES[name]!) {
        throw new GridError(
          flag,
          v,
          NUMERIC_AXES[name] === 0 ? 'finite numbers >= 0 or expressions' : 'finite numbers or expressions',
        );
      }
    } else if (!Number.isSafeInteger(v) || (v as number) < 1) throw new GridError(flag, v, expected);
    if (!out.includes(v as string | number)) out.push(v as string | number);
  }
  return out;
}

/** One variant: a value of every non-default axis (numeric ones unresolved), keyed by axis name. */
export type Variant = Partial<Record<AxisName, string | number>>;

/** The product of the non-default axes in AXIS_NAMES order (last axis fastest); [{}] when there are none. */
export function variantsOf(axes: SweepAxes | undefined): Variant[] {
  let out: Variant[] = [{}];
  for (const name of AXIS_NAMES) {
    const values = axes?.[name] as Array<string | number> | undefined;
    if (!values) continue;
    out = out.flatMap((v) => values.map((x) => ({ ...v, [name]: x })));
  }
  return out;
}

/** Axes that only a residual net has (a plain net's cells would repeat across their values). */
export const RESIDUAL_ONLY_AXES: readonly AxisName[] = ['block', 'inputActivation', 'branchScale', 'shortcutScale'];

/**
 * The variants of one arch: variantsOf over the axes that apply to it (plain nets leave out
 * RESIDUAL_ONLY_AXES), in AXIS_NAMES order; [{}] when none apply.
 */
export function variantsFor(axes: SweepAxes | undefined, arch: Arch): Variant[] {
  if (arch !== 'plain' || !axes) return variantsOf(axes);
  const own: SweepAxes = { ...axes };
  for (const name of RESIDUAL_ONLY_AXES) delete own[name];
  return variantsOf(own);
}

/** The non-default list axes of a grid, in AXIS_NAMES order. */
export function axisNames(axes: SweepAxes | undefined): AxisName[] {
  return AXIS_NAMES.filter((n) => axes?.[n] !== undefined);
}

/** Whether a numeric axis lists at least one expression (its cells then carry an `<axis>Expr` text column). */
export function hasExpressions(axes: SweepAxes | undefined, name: AxisName): boolean {
  return name in NUMERIC_AXES && (axes?.[name] as unknown[] | undefined)?.some((v) => typeof v === 'string') === true;
}
