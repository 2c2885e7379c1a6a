import { DEPTH_UNITS, type Arch } from '@resnet/core';
import {
  AXES,
  DEFAULT_DEPTH_UNIT,
  axisAccepts,
  axisFlag,
  isNumeric,
  jobAxes,
  type Axis,
  type AxisJob,
  type AxisName,
  type SweepAxes,
} from './axes.js';
import { GridError } from './errors.js';
import { compileExpression, POSITION_SYMBOLS, type CompiledExpression } from './expression.js';

// Validation and the grid product of the variant axes, from their declarations (axes.ts).

const POSITION_WORDS = { block: 'residual block', layer: 'weight layer' } as const;

/**
 * Compiles a numeric axis's expression and refuses a per-position symbol it does not take: the other
 * axis's (a usage error naming the flag and the symbol), and any in a job whose nets take one value (train).
 */
export function compileAxisExpression(name: AxisName, text: string, job: AxisJob = 'sweep'): CompiledExpression {
  const a = AXES.find((x) => x.name === name)!;
  const flag = axisFlag(a);
  const fn = compileExpression(flag, text);
  // Training nets take one value per net; a sweep axis its own per-position symbol, if it has one.
  const own = isNumeric(a) && job === 'sweep' ? a.values.position : undefined;
  for (const s of POSITION_SYMBOLS) {
    if (!fn.symbols.includes(s) || s === own) continue;
    const where = job === 'sweep' ? '' : ` of resnet ${job}`;
    throw new GridError(
      flag,
      text,
      own ? `an expression whose per-position symbol, if any, is "${own}"` : 'an expression of one value per net',
      `The symbol "${s}" (the 1-based ${POSITION_WORDS[s]} index) is not allowed in ${flag}${where}, which takes one value per ${own ? `${POSITION_WORDS[own]} ("${own}")` : 'net'}.`,
    );
  }
  return fn;
}

/**
 * Validates the axes a job takes (each value, expressions compiled once) and returns only the
 * non-default ones in axis order, `depthUnit` last when it is not the job's default; undefined when all
 * are default. `defaults` gives the defaults that come from other options (the grid's `width`).
 */
export function resolveAxes(
  axes: SweepAxes | undefined,
  defaults: Partial<Record<AxisName, string | number>> = {},
  job: AxisJob = 'sweep',
): SweepAxes | undefined {
  const defaultUnit = DEFAULT_DEPTH_UNIT[job];
  if (axes === undefined) return undefined;
  const own = jobAxes(job);
  const names = [...own.map((a) => a.name), 'depthUnit'].join(', ');
  if (axes === null || typeof axes !== 'object') throw new GridError('axes', axes, `an object with some of ${names}`);
  for (const key of Object.keys(axes))
    if (key !== 'depthUnit' && !own.some((a) => a.name === key)) throw new GridError('axes', key, `one of ${names}`);
  const out: Record<string, unknown> = {};
  for (const a of own) {
    const list = (axes as Record<string, unknown>)[a.name];
    if (list === undefined) continue;
    const values = checkList(a, list, job);
    const fallback = 'default' in a ? a.default : defaults[a.name];
    if (values.length === 1 && values[0] === fallback) continue;
    out[a.name] = values;
  }
  if (axes.depthUnit !== undefined) {
    if (!DEPTH_UNITS.includes(axes.depthUnit))
      throw new GridError('--depth-unit', axes.depthUnit, `one of ${DEPTH_UNITS.join(', ')}`);
    if (axes.depthUnit !== defaultUnit) out['depthUnit'] = axes.depthUnit;
  }
  return Object.keys(out).length ? (out as SweepAxes) : undefined;
}

function checkList(a: Axis, list: unknown, job: AxisJob): Array<string | number> {
  const flag = axisFlag(a);
  const expected = axisAccepts(a);
  if (!Array.isArray(list) || list.length === 0) throw new GridError(flag, list, expected);
  const out: Array<string | number> = [];
  const seen = new Set<unknown>(); // a Set: a list of 100,000 values is checked in linear time
  for (const v of list as unknown[]) {
    if (a.values.type === 'choice') {
      if (typeof v !== 'string' || !(a.values.choices as readonly string[]).includes(v))
        throw new GridError(flag, v, expected);
    } else if (a.values.type === 'number') {
      const min = a.values.min;
      if (typeof v === 'string') {
        if (!(job === 'train' && v === 'invSqrtBlocks')) compileAxisExpression(a.name, v, job);
      } else if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
        throw new GridError(
          flag,
          v,
          min === 0 ? 'finite numbers >= 0 or expressions' : 'finite numbers or expressions',
        );
      }
    } else if (!Number.isSafeInteger(v) || (v as number) < 1) throw new GridError(flag, v, expected);
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v as string | number);
    }
  }
  return out;
}

/** One variant: a value of every non-default axis (numeric ones unresolved), keyed by axis name. */
export type Variant = Partial<Record<AxisName, string | number>>;

/** The product of the non-default axes in axis order (last axis fastest); [{}] when there are none. */
export function variantsOf(axes: SweepAxes | undefined): Variant[] {
  let out: Variant[] = [{}];
  for (const { name } of AXES) {
    const values = axes?.[name] as Array<string | number> | undefined;
    if (!values) continue;
    out = out.flatMap((v) => values.map((x) => ({ ...v, [name]: x })));
  }
  return out;
}

/** The axes a net of `arch` leaves out: residual-only ones for a plain net. */
export function appliesTo(a: Pick<Axis, 'nets'>, arch: string): boolean {
  return a.nets === 'all' || arch === 'residual';
}

/** The variants of one arch: variantsOf over the listed axes that apply to it, in axis order; [{}] when none apply. */
export function variantsFor(axes: SweepAxes | undefined, arch: Arch): Variant[] {
  if (!axes) return [{}];
  const own: SweepAxes = { ...axes };
  for (const a of AXES) if (!appliesTo(a, arch)) delete own[a.name];
  return variantsOf(own);
}

/** The non-default list axes of a grid, in axis order. */
export function listedAxes(axes: SweepAxes | undefined): Axis[] {
  return AXES.filter((a) => axes?.[a.name] !== undefined);
}

/** Whether a numeric axis lists at least one expression (its rows then carry an `<axis>Expr` text column). */
export function hasExpressions(axes: SweepAxes | undefined, a: Axis): boolean {
  return isNumeric(a) && (axes?.[a.name] as unknown[] | undefined)?.some((v) => typeof v === 'string') === true;
}
