import { AXIS_NAMES, NUMERIC_AXES, axisNames, hasExpressions, type AxisName, type SweepAxes } from './axes.js';

/** An extra column a grid with non-default axes adds to its cells files and summary.csv. */
export interface AxisColumn {
  /** Column (and JSON key) name: the axis name, `<axis>Expr`, or `depthUnit`. */
  name: string;
  /** Strings for enums, expressions and the depth unit; float64 for resolved numbers, width and batch. */
  kind: 'string' | 'double';
  /** The axis it belongs to. */
  axis: AxisName | 'depthUnit';
  /** Whether it holds the expression text rather than the resolved value. */
  expr: boolean;
}

/** Every column name an axis may add, in the order they appear (what readers accept). */
export const AXIS_COLUMN_NAMES: readonly string[] = [
  ...AXIS_NAMES.flatMap((n) => (n in NUMERIC_AXES ? [n, `${n}Expr`] : [n])),
  'depthUnit',
];

/**
 * The extra columns of a grid with these axes, after the base columns: per non-default axis its resolved
 * value, then `<axis>Expr` when the axis lists an expression; `depthUnit` last when not native. The width
 * axis adds a column to summary.csv only: cells already carry their width.
 */
export function axisColumns(axes: SweepAxes | undefined, target: 'cells' | 'summary'): AxisColumn[] {
  const out: AxisColumn[] = [];
  for (const name of axisNames(axes)) {
    if (name === 'width' && target === 'cells') continue;
    out.push({
      name,
      kind: name in NUMERIC_AXES || name === 'width' || name === 'batch' ? 'double' : 'string',
      axis: name,
      expr: false,
    });
    if (hasExpressions(axes, name)) out.push({ name: `${name}Expr`, kind: 'string', axis: name, expr: true });
  }
  if (axes?.depthUnit) out.push({ name: 'depthUnit', kind: 'string', axis: 'depthUnit', expr: false });
  return out;
}

const LABELS: Record<string, string> = {
  sigmaW2: 'sigma_w^2',
  activation: 'act',
  outputActivation: 'out',
  inputActivation: 'in',
  branchScale: 'eta',
  shortcutScale: 'lambda',
  width: 'width',
  dout: 'dout',
  batch: 'batch',
};

/**
 * A short label of a row's variant from its axis columns (a summary row or a cell, by column name), e.g.
 * `preact, eta=1/sqrt(depth)`: block and init as their value, others as name=value, expressions as text;
 * the depth unit is left out (one per grid). Empty when the row has no axis column. Pass the grid's axes
 * to label a cell (whose `width` is always there).
 */
export function variantLabel(row: Readonly<Record<string, unknown>>, axes?: SweepAxes): string {
  const parts: string[] = [];
  for (const name of AXIS_NAMES) {
    // A cell always has a width: it names a variant only when the grid lists widths.
    // No value (null, or '' in summary.csv): the axis does not apply to the row's net.
    if (!(name in row) || row[name] === null || row[name] === '' || (axes !== undefined && axes[name] === undefined))
      continue;
    const expr = row[`${name}Expr`];
    const value = String(expr === undefined ? row[name] : expr);
    parts.push(name === 'block' || name === 'init' ? value : `${LABELS[name]}=${value}`);
  }
  return parts.join(', ');
}
