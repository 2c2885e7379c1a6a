import type { TrainFlag } from '../model/flags.js';
import { chipsControl, numberControl, toggleControl, type Control } from './controls.js';
import { el } from './dom.js';
import { TRAIN_TEXT } from './text.js';

/** The training tab's controls, one per flag of `resnet train` the page uses, in a labelled panel. */
export function createTrainingControls(onFlag: (flag: TrainFlag) => (text: string) => void): {
  controls: Map<TrainFlag, Control>;
  panel: HTMLElement;
} {
  const controls = new Map<TrainFlag, Control>();
  const common = (flag: TrainFlag) => ({ id: `train-${flag}`, ...TRAIN_TEXT[flag], onChange: onFlag(flag) });
  const number = (flag: TrainFlag, extra: Partial<Parameters<typeof numberControl>[0]> = {}) =>
    controls.set(flag, numberControl({ ...common(flag), ...extra }));
  number('depths', { slider: { values: [4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64] } });
  number('epochs', { slider: { values: [1, 2, 3, 5, 10, 20] } });
  number('lr', { slider: { values: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5] } });
  number('batch-size', { slider: { values: [16, 32, 64, 128, 256, 512] } });
  number('width', { slider: { values: [16, 32, 64, 128] } });
  controls.set(
    'optimizer',
    chipsControl({ ...common('optimizer'), options: ['sgd', 'adam'], fallback: ['sgd'], single: true, required: true }),
  );
  controls.set(
    'schedule',
    chipsControl({
      ...common('schedule'),
      options: ['constant', 'step', 'cosine'],
      fallback: ['cosine'],
      single: true,
      required: true,
    }),
  );
  controls.set('batch-norm', toggleControl(common('batch-norm')));
  number('branch-scale', {
    slider: { min: 0, max: 2, step: 0.05 },
    presets: [
      { label: '1', text: '1' },
      { label: '1/√blocks', text: 'invSqrtBlocks' },
      { label: '0', text: '0' },
    ],
  });
  number('seeds');
  number('limit', { placeholder: 'all 7,996' });

  const c = (f: TrainFlag) => controls.get(f)!.root;
  const panel = el(
    'section',
    { class: 'controls', 'aria-label': 'Training settings' },
    el('h2', {}, 'The two nets'),
    c('depths'),
    c('width'),
    c('batch-norm'),
    c('branch-scale'),
    el('h2', {}, 'The training'),
    c('epochs'),
    c('lr'),
    c('batch-size'),
    c('optimizer'),
    c('schedule'),
    c('seeds'),
    c('limit'),
  );
  return { controls, panel };
}
