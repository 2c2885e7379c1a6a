import { jobAxes, type DeclaredAxis } from '@resnet/sweep/browser';

// The page's state: the text of each control, keyed by the CLI flag it mirrors (without `--`). The gradient-flow
// tab's keys are `resnet sweep`'s flags (plus `resnet report`'s --depth for the profile); the training tab's are
// `resnet train`'s, prefixed `train.`. Only texts live here; parsing them is the CLI's parsers' job (grid.ts).

/** The gradient-flow tab's flags before the axes: the grid's own, and the profile depth (`resnet report --depth`). */
const HEAD_FLAGS = ['archs', 'depths', 'seeds', 'depth', 'width'] as const;
/** The flags after the axes: the depth unit, and the page's worker count. */
const TAIL_FLAGS = ['depth-unit', 'threads'] as const;
/** The flag of one of `resnet sweep`'s variant axes (`blocks`, `branch-scale`, `input-scale`, ...). */
export type AxisFlag = Extract<DeclaredAxis, { jobs: { sweep: string } }>['flag'];
/** `resnet sweep`'s variant-axis flags in axis order, from the sweep's axis declarations: a new axis appears here. */
export const AXIS_FLAGS: readonly AxisFlag[] = jobAxes('sweep').map((a) => a.flag as AxisFlag);
/** One gradient-flow flag. */
export type GridFlag = (typeof HEAD_FLAGS)[number] | AxisFlag | (typeof TAIL_FLAGS)[number];
/** The gradient-flow tab's flags, in the order the page and the CLI line show them. */
export const GRID_FLAGS: readonly GridFlag[] = [...HEAD_FLAGS, ...AXIS_FLAGS, ...TAIL_FLAGS];

/** The training tab's flags (each `train.<flag>` in the URL). */
export const TRAIN_FLAGS = [
  'depths',
  'seeds',
  'epochs',
  'width',
  'batch-size',
  'lr',
  'optimizer',
  'schedule',
  'batch-norm',
  'branch-scale',
  'limit',
] as const;
/** One training flag. */
export type TrainFlag = (typeof TRAIN_FLAGS)[number];

/** The tabs. */
export const TABS = ['gradient', 'train'] as const;
/** One tab. */
export type Tab = (typeof TABS)[number];

/** The whole state: the open tab and every control's text ('' = the CLI's default, left out of the URL). */
export interface ExplorerState {
  tab: Tab;
  grid: Record<GridFlag, string>;
  train: Record<TrainFlag, string>;
}

/** The README's grid (depths 5..40, 100 seeds, both archs); every other gradient flag at the CLI's default. */
export const GRID_DEFAULTS: Readonly<Record<GridFlag, string>> = Object.freeze({
  ...(Object.fromEntries(GRID_FLAGS.map((f) => [f, ''])) as Record<GridFlag, string>),
  archs: 'plain,residual',
  depths: '5..40',
  seeds: '100',
  width: '16',
});

/** The degradation at 32 weight layers, with `resnet train`'s defaults for the rest. */
export const TRAIN_DEFAULTS: Readonly<Record<TrainFlag, string>> = Object.freeze({
  depths: '32',
  seeds: '1',
  epochs: '5',
  width: '64',
  'batch-size': '128',
  lr: '0.05',
  optimizer: 'sgd',
  schedule: 'cosine',
  'batch-norm': 'true',
  'branch-scale': '1',
  limit: '',
});

/** A fresh state at the defaults. */
export function defaultState(): ExplorerState {
  return { tab: 'gradient', grid: { ...GRID_DEFAULTS }, train: { ...TRAIN_DEFAULTS } };
}

// Characters a hash value keeps as they are (readable links: 1/sqrt(blocks), 5..40:5, plain,residual).
const KEEP = /[A-Za-z0-9._~!$'()*+,;:@/?-]/;

function encodeValue(text: string): string {
  return Array.from(text, (c) => (KEEP.test(c) ? c : encodeURIComponent(c))).join('');
}

/** The state as a URL hash: only values that differ from the defaults, gradient flags first, e.g. `#depths=5..20&blocks=preact`. */
export function stateToHash(state: ExplorerState): string {
  const parts: string[] = [];
  if (state.tab !== 'gradient') parts.push(`tab=${state.tab}`);
  for (const f of GRID_FLAGS) if (state.grid[f] !== GRID_DEFAULTS[f]) parts.push(`${f}=${encodeValue(state.grid[f])}`);
  for (const f of TRAIN_FLAGS)
    if (state.train[f] !== TRAIN_DEFAULTS[f]) parts.push(`train.${f}=${encodeValue(state.train[f])}`);
  return parts.length ? `#${parts.join('&')}` : '';
}

/** A hash read back into a state (defaults for what it leaves out), with a note per key or value it could not use. */
export function hashToState(hash: string): { state: ExplorerState; notes: string[] } {
  const state = defaultState();
  const notes: string[] = [];
  const body = hash.replace(/^#/, '');
  if (body === '') return { state, notes };
  for (const part of body.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? '' : decode(part.slice(eq + 1));
    if (key === 'tab') {
      if ((TABS as readonly string[]).includes(value)) state.tab = value as Tab;
      else notes.push(`tab=${value}: expected one of ${TABS.join(', ')}; showing the gradient-flow tab.`);
    } else if ((GRID_FLAGS as readonly string[]).includes(key)) state.grid[key as GridFlag] = value.trim();
    else if (key.startsWith('train.') && (TRAIN_FLAGS as readonly string[]).includes(key.slice(6)))
      state.train[key.slice(6) as TrainFlag] = value.trim();
    else
      notes.push(
        `"${key}" in the link is not a flag the explorer knows (gradient flow: ${GRID_FLAGS.join(', ')}; training: train.${TRAIN_FLAGS.join(', train.')}); it was left out.`,
      );
  }
  return { state, notes };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
