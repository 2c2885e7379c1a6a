import { OptionsError, depthFor, weightLayerCount, type Arch, type CellSpec, type PerPosition } from '@resnet/core';
import { AXES, axisFlag, isNumeric, type AxisJob, type AxisNumber, type NumericAxis } from './axes.js';
import { axisColumns } from './axisColumns.js';
import { GridError } from './errors.js';
import type { ExpressionScope } from './expression.js';
import type { GridSpec } from './types.js';
import { appliesTo, compileAxisExpression, type Variant } from './variants.js';

/** One group's cell: core's spec with every axis resolved to plain values (the seed left out), and its axis columns. */
export interface GroupCell {
  spec: Omit<CellSpec, 'seed'>;
  /** The depth value in the grid's depth unit (summary.csv's `depth`). */
  gridDepth: number;
  /** Value of each axis column of summary.csv (a superset of the cells files' ones), by column name; null where the axis does not apply (a plain net's residual-only axes). */
  values: Record<string, string | number | null>;
}

/** The coordinates an axis expression sees at a net: the grid's depth value, weight layers, residual blocks ((layers-2)/2; a plain net's too), width. */
export function expressionScope(depth: number, layers: number, width: number): ExpressionScope {
  return { depth, layers, blocks: (layers - 2) / 2, width };
}

/**
 * A numeric axis value at a net: a number as is; an expression evaluated at `scope`, once per position
 * when it uses its axis's position symbol (`positions` values; undefined when the net has none). Every
 * value must be finite (and >= the axis's min): else a usage error naming the flag, the net and the position.
 */
export function numericAxisValue(
  a: NumericAxis,
  v: AxisNumber,
  scope: ExpressionScope,
  at: string,
  positions = 0,
  job: AxisJob = 'sweep',
): PerPosition | undefined {
  if (typeof v === 'number') return v;
  const { min, position } = a.values;
  const check = (value: number, where: string): number => {
    if (!Number.isFinite(value) || value < min) {
      throw new GridError(
        axisFlag(a),
        v,
        min === 0
          ? 'an expression with a finite value >= 0 at every cell'
          : 'an expression with a finite value at every cell',
        `At ${at} (blocks ${scope.blocks}, layers ${scope.layers}, width ${scope.width}${where}) it is ${value}.`,
      );
    }
    return value;
  };
  const fn = compileAxisExpression(a.name, v, job);
  if (position === undefined || !fn.symbols.includes(position)) return check(fn(scope), '');
  if (positions === 0) return undefined;
  return Array.from({ length: positions }, (_, i) =>
    check(fn({ ...scope, [position]: i + 1 }), `, ${position} ${i + 1}`),
  );
}

/**
 * Resolves a group (arch, variant, depth value) to core's cell spec: the depth through core's depthFor in
 * the grid's unit, each axis's value set on its CellSpec field, numeric ones evaluated at the cell's
 * coordinates (per block or weight layer when the expression uses `block` or `layer`: core then gets an
 * array). Usage errors name the flag.
 */
export function groupCell(grid: GridSpec, arch: Arch, variant: Variant, depth: number): GroupCell {
  const unit = grid.axes?.depthUnit ?? 'native';
  let netDepth: number;
  try {
    netDepth = depthFor({ arch, unit, value: depth });
  } catch (e) {
    if (!(e instanceof OptionsError)) throw e;
    throw new GridError(
      '--depths',
      depth,
      `depths that give a ${arch} net in --depth-unit ${unit}`,
      `${e.message} ${unit === 'layers' ? 'A residual net has 2*blocks+2 weight layers: use even depths >= 4.' : ''}`.trim(),
    );
  }
  const width = (variant.width as number | undefined) ?? grid.width;
  const layers = weightLayerCount(arch, netDepth);
  const scope = expressionScope(depth, layers, width);
  const spec: Record<string, unknown> = { arch, depth: netDepth, width, inputSize: grid.inputSize };
  for (const a of AXES) {
    const v = variant[a.name];
    if (a.name === 'width' || v === undefined) continue;
    // A per-block value on a plain net (it has no blocks) is left out: core's default, which plain ignores.
    const positions =
      a.values.type === 'number' && a.values.position === 'layer' ? layers : arch === 'residual' ? netDepth : 0;
    spec[a.jobs.sweep!] = isNumeric(a) ? numericAxisValue(a, v, scope, `${arch} depth ${depth}`, positions) : v;
  }
  // Absent fields stay absent: core fills the notebook's defaults.
  for (const k of Object.keys(spec)) if (spec[k] === undefined) delete spec[k];
  const values: Record<string, string | number | null> = {};
  for (const c of axisColumns(grid.axes, 'summary')) {
    const a = AXES.find((x) => x.name === c.axis);
    if (c.axis === 'depthUnit') values[c.name] = unit;
    else if (variant[c.axis] === undefined && a && !appliesTo(a, arch)) values[c.name] = null;
    else if (c.expr) values[c.name] = String(variant[c.axis]);
    else {
      // A per-position value (or a per-block one a plain net leaves out) has no single number: NaN, its text in <axis>Expr.
      const v = spec[a?.jobs.sweep ?? c.axis] as string | PerPosition | undefined;
      values[c.name] = v === undefined || typeof v === 'object' ? Number.NaN : v;
    }
  }
  return { spec: spec as GroupCell['spec'], gridDepth: depth, values };
}
