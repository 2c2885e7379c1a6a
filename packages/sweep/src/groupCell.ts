import {
  OptionsError,
  depthFor,
  weightLayerCount,
  type Arch,
  type CellSpec,
  type Dout,
  type PerPosition,
} from '@resnet/core';
import {
  AXIS_FLAGS,
  AXIS_POSITION,
  NUMERIC_AXES,
  RESIDUAL_ONLY_AXES,
  compileAxisExpression,
  type AxisName,
  type Variant,
} from './axes.js';
import { axisColumns } from './axisColumns.js';
import { GridError } from './errors.js';
import type { ExpressionScope } from './expression.js';
import type { GridSpec } from './types.js';

/** One group's cell: core's spec with every axis resolved to plain values (the seed left out), and its axis columns. */
export interface GroupCell {
  spec: Omit<CellSpec, 'seed'> & { dout: Dout };
  /** The depth value in the grid's depth unit (summary.csv's `depth`). */
  gridDepth: number;
  /** Value of each axis column of summary.csv (a superset of the cells files' ones), by column name; null where the axis does not apply (a plain net's residual-only axes). */
  values: Record<string, string | number | null>;
}

/**
 * Resolves a group (arch, variant, depth value) to core's cell spec: the depth through core's depthFor in
 * the grid's unit, each numeric axis evaluated at the cell's coordinates (per block or weight layer when its
 * expression uses `block` or `layer`: core then gets an array). Usage errors name the flag.
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
  const scope: ExpressionScope = { depth, layers, blocks: arch === 'residual' ? netDepth : (layers - 2) / 2, width };
  const check = (name: AxisName, text: string, value: number, where: string): number => {
    if (!Number.isFinite(value) || value < NUMERIC_AXES[name]!) {
      throw new GridError(
        AXIS_FLAGS[name],
        text,
        NUMERIC_AXES[name] === 0
          ? 'an expression with a finite value >= 0 at every cell'
          : 'an expression with a finite value at every cell',
        `At ${arch} depth ${depth} (blocks ${scope.blocks}, layers ${layers}, width ${width}${where}) it is ${value}.`,
      );
    }
    return value;
  };
  // An expression using its axis's position symbol gives one value per block (a plain net has none: left out) or layer.
  const num = (name: AxisName): PerPosition | undefined => {
    const v = variant[name];
    if (v === undefined || typeof v === 'number') return v;
    const fn = compileAxisExpression(name, v);
    const position = AXIS_POSITION[name]!;
    if (!fn.symbols.includes(position)) return check(name, v, fn(scope), '');
    const count = position === 'layer' ? layers : arch === 'residual' ? netDepth : 0;
    if (count === 0) return undefined;
    return Array.from({ length: count }, (_, i) =>
      check(name, v, fn({ ...scope, [position]: i + 1 }), `, ${position} ${i + 1}`),
    );
  };
  const spec: GroupCell['spec'] = {
    arch,
    depth: netDepth,
    width,
    inputSize: grid.inputSize,
    block: variant.block as CellSpec['block'],
    init: variant.init as CellSpec['init'],
    sigmaW2: num('sigmaW2'),
    activation: variant.activation as CellSpec['activation'],
    outputActivation: variant.outputActivation as CellSpec['outputActivation'],
    inputActivation: variant.inputActivation as CellSpec['inputActivation'],
    branchScale: num('branchScale'),
    shortcutScale: num('shortcutScale'),
    dout: (variant.dout as Dout | undefined) ?? 'ones',
    batch: variant.batch as number | undefined,
  };
  // Absent fields stay absent: core fills the notebook's defaults (and its own cache keys see the same spec).
  for (const k of Object.keys(spec) as (keyof typeof spec)[]) if (spec[k] === undefined) delete spec[k];
  const values: Record<string, string | number | null> = {};
  for (const c of axisColumns(grid.axes, 'summary')) {
    if (c.axis === 'depthUnit') values[c.name] = unit;
    else if (variant[c.axis] === undefined && (RESIDUAL_ONLY_AXES as readonly string[]).includes(c.axis))
      values[c.name] = null;
    else if (c.expr) values[c.name] = String(variant[c.axis]);
    else {
      // A per-position value (or a per-block one a plain net leaves out) has no single number: NaN, its text in <axis>Expr.
      const v = (spec as Record<string, string | PerPosition | undefined>)[c.axis];
      values[c.name] = v === undefined || typeof v === 'object' ? Number.NaN : v;
    }
  }
  return { spec, gridDepth: depth, values };
}
