import { GRID_TEXT } from './text.js';
import type { GridFlag } from '../model/flags.js';
import { chipsControl, numberControl, type Control } from './controls.js';
import { el } from './dom.js';

const SCALE_PRESETS = [
  { label: '1', text: '1' },
  { label: '1/√blocks', text: '1/sqrt(blocks)' },
  { label: '0', text: '0' },
];

/** The gradient-flow tab's controls, one per flag of `resnet sweep` (and the profile depth), in a labelled panel. */
export function createGradientControls(
  onFlag: (flag: GridFlag) => (text: string) => void,
  onReset: () => void,
): { controls: Map<GridFlag, Control>; panel: HTMLElement } {
  const controls = new Map<GridFlag, Control>();
  const common = (flag: GridFlag) => ({ id: `grid-${flag}`, ...GRID_TEXT[flag], onChange: onFlag(flag) });
  const chips = (flag: GridFlag, options: readonly string[], fallback: readonly string[], required = false) =>
    controls.set(flag, chipsControl({ ...common(flag), options, fallback, required }));
  const number = (flag: GridFlag, extra: Partial<Parameters<typeof numberControl>[0]> = {}) =>
    controls.set(flag, numberControl({ ...common(flag), ...extra }));

  chips('archs', ['plain', 'residual'], ['plain', 'residual'], true);
  number('depths', { presets: ['5..40', '2..20', '5..100:5', '10..200:10'].map((t) => ({ label: t, text: t })) });
  number('seeds', { slider: { values: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] } });
  number('depth', { slider: { values: [40] }, placeholder: 'deepest' });
  number('width', { slider: { values: [2, 4, 8, 16, 32, 64, 128, 256] } });
  chips('blocks', ['notebook', 'original', 'preact'], ['notebook']);
  chips('inits', ['he', 'xavier', 'lecun', 'orthogonal'], ['he']);
  number('sigma-w2', {
    slider: { min: 0, max: 4, step: 0.05 },
    presets: [
      { label: 'init’s own', text: '' },
      { label: '1', text: '1' },
      { label: '2', text: '2' },
    ],
    placeholder: 'init’s own',
  });
  number('branch-scale', { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS, placeholder: '1' });
  number('shortcut-scale', { slider: { min: 0, max: 2, step: 0.05 }, presets: SCALE_PRESETS, placeholder: '1' });
  chips('activations', ['relu', 'tanh', 'linear'], ['relu']);
  chips('output-activations', ['relu', 'tanh', 'linear'], ['relu']);
  chips('input-activations', ['relu', 'tanh', 'linear'], []);
  chips('dout', ['ones', 'normal'], ['ones']);
  number('widths', { placeholder: 'e.g. 16,64' });
  number('batch', { placeholder: '1' });
  number('depth-unit', { placeholder: 'native' });
  number('threads', { slider: { values: [1, 2, 3, 4, 6, 8] }, placeholder: 'one per core' });

  const c = (flag: GridFlag) => controls.get(flag)!.root;
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
    c('blocks'),
    c('inits'),
    c('sigma-w2'),
    c('branch-scale'),
    c('shortcut-scale'),
    c('activations'),
    c('output-activations'),
    c('input-activations'),
    c('dout'),
    el('details', {}, el('summary', {}, 'More flags'), c('widths'), c('batch'), c('depth-unit'), c('threads')),
    el('div', { class: 'actions' }, reset),
  );
  return { controls, panel };
}
