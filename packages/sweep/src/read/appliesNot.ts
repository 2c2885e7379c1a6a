import { RESIDUAL_ONLY_AXES } from '../axes.js';

/** True when axis column `column` (an axis or its `<axis>Expr`) does not apply to a net of this arch: it holds no value there. */
export function appliesNot(arch: string, column: string): boolean {
  return arch === 'plain' && (RESIDUAL_ONLY_AXES as readonly string[]).includes(column.replace(/Expr$/, ''));
}
