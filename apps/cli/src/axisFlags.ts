import {
  DEFAULT_DEPTH_UNIT,
  DEPTH_UNIT_HELP,
  DEPTH_UNITS,
  axisAccepts,
  jobAxes,
  type Axis,
  type AxisJob,
  type AxisName,
} from '@resnet/sweep/axes';
import type { FlagSpec } from './options.js';

const POSITION_WORDS = { block: 'residual block', layer: 'weight layer' } as const;

/** An axis's help line: what it sets and what it takes (flags() adds its type and default). */
function help(a: Axis, job: AxisJob): string {
  const v = a.values;
  const takes =
    v.type === 'choice'
      ? v.choices.join(', ')
      : v.type === 'integer'
        ? 'integers'
        : `numbers or expressions of depth, blocks, layers, width${job === 'sweep' && v.position ? `; per ${POSITION_WORDS[v.position]} with \`${v.position}\`` : ''}`;
  return `${a.describe}: ${takes}`;
}

/** The variant-axis flags of a command (`sweep`, `train`), from the axis declarations: each a comma-separated list. */
export function axisFlags(job: AxisJob): Record<string, FlagSpec> {
  const out: Record<string, FlagSpec> = {};
  for (const a of jobAxes(job))
    out[a.flag] = { type: 'string', describe: help(a, job), accepts: axisAccepts(a), defaultText: a.defaultText };
  out['depth-unit'] = {
    type: 'string',
    describe: DEPTH_UNIT_HELP,
    accepts: `one of ${DEPTH_UNITS.join(', ')}`,
    defaultText: DEFAULT_DEPTH_UNIT[job],
  };
  return out;
}

/** The texts of a command's axis flags by axis name (and `depthUnit`), as parseAxes takes them; absent flags left out. */
export function axisTexts(
  argv: Readonly<Record<string, unknown>>,
  job: AxisJob,
): Partial<Record<AxisName | 'depthUnit', string>> {
  const out: Partial<Record<AxisName | 'depthUnit', string>> = {};
  for (const a of jobAxes(job)) if (argv[a.flag] !== undefined) out[a.name] = String(argv[a.flag]);
  if (argv['depth-unit'] !== undefined) out.depthUnit = String(argv['depth-unit']);
  return out;
}
