import { AXES, type AxisName, type SweepAxes } from './axes.js';
import { hasExpressions, listedAxes } from './variants.js';

/** An extra column a grid with non-default axes adds to its rows files and summary.csv. */
export interface AxisColumn {
  /** Column (and JSON key) name: the axis name, `<axis>Expr`, or `depthUnit`. */
  name: string;
  /** Strings for choices, expressions and the depth unit; float64 for resolved numbers and integers. */
  kind: 'string' | 'double';
  /** The axis it belongs to. */
  axis: AxisName | 'depthUnit';
  /** Whether it holds the expression text rather than the resolved value. */
  expr: boolean;
}

/** Every column name an axis may add, in the order they appear (what readers accept). */
export const AXIS_COLUMN_NAMES: readonly string[] = [
  ...AXES.flatMap((a) => (a.values.type === 'number' ? [a.name, `${a.name}Expr`] : [a.name])),
  'depthUnit',
];

/**
 * The extra columns of a grid with these axes, after the base columns: per listed axis its resolved
 * value, then `<axis>Expr` when the axis lists an expression; `depthUnit` last when it is listed. The
 * cells files leave out an axis whose value they already carry (width); runs files carry every option's
 * resolved value already, so they get only the expression texts and the depth unit.
 */
export function axisColumns(axes: SweepAxes | undefined, target: 'cells' | 'summary' | 'runs'): AxisColumn[] {
  const out: AxisColumn[] = [];
  for (const a of listedAxes(axes)) {
    if (target === 'summary' || (target === 'cells' && a.cellColumn))
      out.push({ name: a.name, kind: a.values.type === 'choice' ? 'string' : 'double', axis: a.name, expr: false });
    if (hasExpressions(axes, a)) out.push({ name: `${a.name}Expr`, kind: 'string', axis: a.name, expr: true });
  }
  if (axes?.depthUnit) out.push({ name: 'depthUnit', kind: 'string', axis: 'depthUnit', expr: false });
  return out;
}

/**
 * A short label of a row's variant from its axis columns (a summary row, a cell or a run, by column
 * name), e.g. `preact, eta=1/sqrt(depth)`: an axis without a label as its value, others as label=value,
 * expressions as text; the depth unit is left out (one per grid). Empty when the row has no axis column.
 * Pass the grid's axes to label a row whose files always carry some axis value (a cell's width, a run's options).
 */
export function variantLabel(row: Readonly<Record<string, unknown>>, axes?: SweepAxes): string {
  const parts: string[] = [];
  for (const a of AXES) {
    // No value (null, or '' in summary.csv): the axis does not apply to the row's net.
    if (
      !(a.name in row) ||
      row[a.name] === null ||
      row[a.name] === '' ||
      (axes !== undefined && axes[a.name] === undefined)
    )
      continue;
    const expr = row[`${a.name}Expr`];
    const value = String(expr === undefined ? row[a.name] : expr);
    parts.push(a.label === '' ? value : `${a.label}=${value}`);
  }
  return parts.join(', ');
}
