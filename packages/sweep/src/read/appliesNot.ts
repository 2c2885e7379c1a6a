import { AXES } from '../axes.js';
import { appliesTo } from '../variants.js';

/** True when axis column `column` (an axis or its `<axis>Expr`) does not apply to a net of this arch: it holds no value there. */
export function appliesNot(arch: string, column: string): boolean {
  const a = AXES.find((x) => x.name === column.replace(/Expr$/, ''));
  return a !== undefined && !appliesTo(a, arch);
}

/** Whether column `name` holds a numeric axis's resolved value (null there reads as NaN: a per-position value). */
export function isNumericColumn(name: string): boolean {
  return AXES.some((a) => a.name === name && a.values.type === 'number');
}
