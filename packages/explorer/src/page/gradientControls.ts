import { jobAxes, type Axis } from '@resnet/sweep/browser';
import { gridText } from './text.js';
import type { AxisFlag, GridFlag } from '../model/flags.js';
import { chipsControl, numberControl, type Control } from './controls.js';
import { el } from './dom.js';

const SCALE_PRESETS = [
  { label: '1', text: '1' },
  { label: '1/√blocks', text: '1/sqrt(blocks)' },
  { label: '0', text: '0' },
];

type NumberExtras = Partial<Parameters<typeof numberControl>[0]>;

/** Sliders and presets the page adds to some axes' number fields (every other axis gets the plain field). */
const AXIS_EXTRAS: Partial<Record<AxisFlag, NumberExtras>> = {
  'sigma-w2': {
    slider: { min: 0, max: 4, step: 0.05 },
    presets: [
      { label: 'init’s own', text: '' },
      { label: '1', text: '1' },
      { label: '2', text: '2' },
    ],
  },
  'branch-scale': { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS },
  'shortcut-scale': { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS },
  'input-scale': { slider: { min: 0, max: 4, step: 0.05 } },
};

/** Axes shown under "More flags" rather than with the network's. */
const MORE_AXES: ReadonlySet<string> = new Set<AxisFlag>(['widths', 'batch']);

/**
 * The gradient-flow tab's controls, one per flag of `resnet sweep` (and the profile depth), in a labelled panel.
 * Each variant axis gets the control of its declaration's type (chips for a choice list, a text field for numbers
 * or expressions and for integers), so an axis declared in the sweep appears here without an edit.
 */
export function createGradientControls(
  onFlag: (flag: GridFlag) => (text: string) => void,
  onReset: () => void,
): { controls: Map<GridFlag, Control>; panel: HTMLElement } {
  const controls = new Map<GridFlag, Control>();
  const common = (flag: GridFlag) => ({ id: `grid-${flag}`, ...gridText(flag), onChange: onFlag(flag) });
  const chips = (flag: GridFlag, options: readonly string[], fallback: readonly string[], required = false) =>
    controls.set(flag, chipsControl({ ...common(flag), options, fallback, required }));
  const number = (flag: GridFlag, extra: NumberExtras = {}) =>
    controls.set(flag, numberControl({ ...common(flag), ...extra }));
  const axisControl = (a: Axis) => {
    const flag = a.flag as AxisFlag;
    if (a.values.type === 'choice') chips(flag, a.values.choices, a.default === undefined ? [] : [String(a.default)]);
    else number(flag, { placeholder: a.defaultText, ...AXIS_EXTRAS[flag] });
  };

  chips('archs', ['plain', 'residual'], ['plain', 'residual'], true);
  number('depths', { presets: ['5..40', '2..20', '5..100:5', '10..200:10'].map((t) => ({ label: t, text: t })) });
  number('seeds', { slider: { values: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] } });
  number('depth', { slider: { values: [40] }, placeholder: 'deepest' });
  number('width', { slider: { values: [2, 4, 8, 16, 32, 64, 128, 256] } });
  const axes = jobAxes('sweep');
  for (const a of axes) axisControl(a);
  number('depth-unit', { placeholder: 'native' });
  number('threads', { slider: { values: [1, 2, 3, 4, 6, 8] }, placeholder: 'one per core' });

  const c = (flag: GridFlag) => controls.get(flag)!.root;
  const network = axes.filter((a) => !MORE_AXES.has(a.flag)).map((a) => c(a.flag as AxisFlag));
  const more = axes.filter((a) => MORE_AXES.has(a.flag)).map((a) => c(a.flag as AxisFlag));
  const reset = el('button', { type: 'button', id: 'grid-reset' }, 'Reset to the README grid');
  reset.addEventListener('click', onReset);
  const panel = el(
    'section',
    { class: 'controls', 'aria-label': 'Gradient-flow settings' },
    el('h2', {}, 'The grid'),
    c('archs'),
    c('depths'),
    c('seeds'),
    c('depth'),
    c('width'),
    el('h2', {}, 'The network'),
    ...network,
    el('details', {}, el('summary', {}, 'More flags'), ...more, c('depth-unit'), c('threads')),
    el('div', { class: 'actions' }, reset),
  );
  return { controls, panel };
}
