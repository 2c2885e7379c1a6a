import { AXIS_FLAGS, NUMERIC_AXES, resolveAxes, type AxisName, type SweepAxes } from './axes.js';
import { GridError } from './errors.js';
import { splitTopLevel } from './expression.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses one axis flag's text (`notebook,preact`, `1,1/sqrt(depth),max(1, depth/10)`, `16,64`) into its
 * list: split on top-level commas only; numeric axes keep plain numbers as numbers and the rest as
 * expression text (checked by resolveAxes). Errors name the flag.
 */
export function parseAxisList(name: AxisName, text: string): Array<string | number> {
  const flag = AXIS_FLAGS[name];
  if (typeof text !== 'string' || text.trim() === '')
    throw new GridError(flag, text, 'a non-empty comma-separated list');
  const items = splitTopLevel(text);
  const empty = items.indexOf('');
  if (empty >= 0)
    throw new GridError(flag, text, 'a comma-separated list without empty items', `Item ${empty + 1} is empty.`);
  if (name in NUMERIC_AXES) return items.map((i) => (NUMBER.test(i) ? Number(i) : i));
  if (name === 'width' || name === 'batch') return items.map((i) => (/^\d+$/.test(i) ? Number(i) : i));
  return items;
}

/** The axes given as flag texts (absent flags stay default), parsed and validated as runSweep would: a usage error names the flag. */
export function parseAxes(texts: Partial<Record<AxisName | 'depthUnit', string>>): SweepAxes | undefined {
  const axes: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    axes[name] = name === 'depthUnit' ? text.trim() : parseAxisList(name as AxisName, text);
  }
  if (Object.keys(axes).length === 0) return undefined;
  resolveAxes(axes as SweepAxes, Number.NaN); // validates now, before any work
  return axes as SweepAxes;
}
