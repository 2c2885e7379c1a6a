import { AXES, axisFlag, axisOf, type AxisJob, type AxisName, type SweepAxes } from './axes.js';
import { GridError } from './errors.js';
import { splitTopLevel } from './expression.js';
import { resolveAxes } from './variants.js';

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Parses one axis flag's text (`notebook,preact`, `1,1/sqrt(depth),max(1, depth/10)`, `16,64`) into its
 * list: split on top-level commas only; numeric axes keep plain numbers as numbers and the rest as
 * expression text (checked by resolveAxes), integer axes integers. Errors name the flag.
 */
export function parseAxisList(name: AxisName, text: string): Array<string | number> {
  const a = axisOf(name);
  const flag = axisFlag(a);
  if (typeof text !== 'string' || text.trim() === '')
    throw new GridError(flag, text, 'a non-empty comma-separated list');
  const items = splitTopLevel(text);
  const empty = items.indexOf('');
  if (empty >= 0)
    throw new GridError(flag, text, 'a comma-separated list without empty items', `Item ${empty + 1} is empty.`);
  if (a.values.type === 'number') return items.map((i) => (NUMBER.test(i) ? Number(i) : i));
  if (a.values.type === 'integer') return items.map((i) => (/^\d+$/.test(i) ? Number(i) : i));
  return items;
}

/**
 * The axes given as flag texts by axis name (absent ones stay default), parsed and validated as the job
 * would: a usage error names the flag. `depthUnit` is the `--depth-unit` word.
 */
export function parseAxes(
  texts: Partial<Record<AxisName | 'depthUnit', string>>,
  job: AxisJob = 'sweep',
): SweepAxes | undefined {
  const axes: Record<string, unknown> = {};
  for (const [name, text] of Object.entries(texts)) {
    if (text === undefined) continue;
    axes[name] = name === 'depthUnit' ? text.trim() : parseAxisList(name as AxisName, text);
  }
  if (Object.keys(axes).length === 0) return undefined;
  resolveAxes(axes as SweepAxes, {}, job); // validates now, before any work
  return axes as SweepAxes;
}

/** The names of the axes, in axis order, whose flag texts parseAxes takes (and `depthUnit`). */
export const AXIS_TEXT_NAMES: readonly (AxisName | 'depthUnit')[] = [...AXES.map((a) => a.name), 'depthUnit'];
