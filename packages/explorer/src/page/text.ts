import { jobAxes } from '@resnet/sweep/browser';
import type { AxisFlag, GridFlag, TrainFlag } from '../model/flags.js';

// Every word the page says about a control or a plot, in one place: a label, a one-line explanation, and for a
// plot what the papers say about it (paraphrased, with the section to read).

/** Where the papers are. */
export const PAPERS = {
  resnet: 'https://arxiv.org/abs/1512.03385',
  delving: 'https://arxiv.org/abs/1502.01852',
  identity: 'https://arxiv.org/abs/1603.05027',
} as const;

/** A control's label and one-line explanation. */
export interface ControlText {
  label: string;
  help: string;
}

/** Label and one-line explanation of each gradient-flow control: every flag but the axes, and the page's words for axes. */
export const GRID_TEXT: Record<Exclude<GridFlag, AxisFlag>, ControlText> & Partial<Record<AxisFlag, ControlText>> = {
  archs: { label: 'Networks', help: 'Plain: a stack of dense layers. Residual: blocks y = λ·x + η·F(x).' },
  depths: {
    label: 'Depths',
    help: 'Plain: weight layers; residual: blocks (2·depth + 2 weight layers). As 5..40, 5..40:5 or 5,10,20.',
  },
  seeds: {
    label: 'Seeds',
    help: 'Random networks per depth; every band is over them. A count (100) or a range (0..99).',
  },
  depth: { label: 'Profile depth', help: 'The depth whose layer-by-layer gradients the first plot shows.' },
  width: { label: 'Width', help: 'Hidden width, and the input size (as --width sets both).' },
  blocks: {
    label: 'Block type',
    help: 'notebook: λx + ηφ(W₂φ(W₁x)); original (He 2015): φ(λx + ηW₂φ(W₁x)); preact (He 2016): λx + ηW₂φ(W₁φ(x)).',
  },
  inits: {
    label: 'Init',
    help: 'he: N(0, 2/fan-in); xavier and lecun: N(0, 1/fan-in); orthogonal: a random rotation.',
  },
  'sigma-w2': {
    label: 'σ_w²',
    help: 'Weight variance gain: N(0, σ_w²/fan-in). Empty: the init’s own (he 2, others 1).',
  },
  'branch-scale': {
    label: 'Branch scale η',
    help: 'The branch enters as η·F(x). 0 is ReZero; 1/sqrt(blocks) tames the growth.',
  },
  'shortcut-scale': {
    label: 'Shortcut scale λ',
    help: 'The skip enters as λ·x; 1 is the identity shortcut of the paper.',
  },
  activations: { label: 'Activation', help: 'φ of every hidden layer (both layers of a residual branch).' },
  'output-activations': {
    label: 'Output activation',
    help: 'Activation of the last layer (the notebook puts a ReLU there).',
  },
  'input-activations': {
    label: 'Input activation',
    help: 'Residual only: after the input projection. Empty: as the hidden one; linear keeps the stream zero-mean.',
  },
  dout: { label: 'Output gradient', help: 'What is back-propagated: all ones (the notebook’s) or a draw of N(0, I).' },
  widths: { label: 'Widths', help: 'Several hidden widths at once (a comma list).' },
  batch: { label: 'Batch', help: 'Inputs per network; the loss sums over them.' },
  'depth-unit': { label: 'Depth unit', help: 'layers: compare plain and residual at equal weight-layer counts.' },
  threads: { label: 'Workers', help: 'Web Workers computing the cells. Empty: one per core of this computer.' },
};

/** A gradient-flow control's words: the page's own, else (an axis the page has no words for) its declaration's. */
export function gridText(flag: GridFlag): ControlText {
  const own = (GRID_TEXT as Partial<Record<GridFlag, ControlText>>)[flag];
  if (own) return own;
  const a = jobAxes('sweep').find((x) => x.flag === flag)!;
  return { label: a.describe.split(/[:(]/)[0]!.trim(), help: `${a.describe}. Default: ${a.defaultText}.` };
}

/** Label and one-line explanation of each training control. */
export const TRAIN_TEXT: Record<TrainFlag, { label: string; help: string }> = {
  depths: { label: 'Weight layers', help: 'Both nets have this many dense layers; residual: (layers − 2)/2 blocks.' },
  seeds: { label: 'Seed', help: 'The run’s seed, written as resnet train’s --seeds (1 = seed 0, 5..5 = seed 5).' },
  epochs: { label: 'Epochs', help: 'Passes over the 7,996 training digits.' },
  width: { label: 'Width', help: 'Hidden width of both nets.' },
  'batch-size': { label: 'Batch size', help: 'Digits per optimiser step.' },
  lr: { label: 'Learning rate', help: 'Peak learning rate of the schedule.' },
  optimizer: { label: 'Optimiser', help: 'SGD with momentum 0.9 (PyTorch’s), or Adam.' },
  schedule: { label: 'Schedule', help: 'How the rate changes over the steps.' },
  'batch-norm': { label: 'BatchNorm', help: 'BatchNorm before every ReLU, as the paper’s nets.' },
  'branch-scale': {
    label: 'Branch scale η',
    help: 'Residual branches enter as η·F(x); invSqrtBlocks = 1/sqrt(blocks).',
  },
  limit: { label: 'Digits', help: 'Train on the first N training digits (and test on N/4). Empty: all 7,996.' },
};

/** Per plot: title, what it shows, what the paper says, and where. */
export const PLOT_TEXT = {
  profile: {
    title: 'Gradient norm of each layer',
    shows: 'The norm of each weight layer’s gradient, ‖dW‖, from the input (0) to the output (1) at the profile depth.',
    paper: 'He et al. 2015 (sec. 2.2) choose σ_w² = 2 so the backward signal neither shrinks nor grows layer by layer.',
    href: PAPERS.delving,
  },
  ratio: {
    title: 'First / last layer gradient ratio',
    shows: 'The first layer’s gradient norm over the last one’s, per depth: 1 means both learn at the same rate.',
    paper:
      'The ResNet paper (sec. 4.1) argues the trouble of deep plain nets is unlikely to be vanishing gradients; with identity shortcuts the signal reaches every block directly (He et al. 2016, eq. 5).',
    href: PAPERS.resnet,
  },
  act: {
    title: 'Output norm against depth',
    shows: 'The norm of the network’s output, ‖y‖, for an input x of norm about √width, per depth.',
    paper:
      'Identity shortcuts add each block’s output to the stream, so without normalisation its norm grows with depth unless the branch is scaled (He et al. 2016).',
    href: PAPERS.identity,
  },
  training: {
    title: 'Training: plain against residual',
    shows:
      'Error on the training digits (mean of the last mini-batches, train mode) and on the test digits (eval mode), per optimiser step.',
    paper:
      'The ResNet paper (Fig. 1, sec. 4.1, Fig. 4) shows deeper plain nets reaching a higher training error than shallower ones, the degradation problem, while residual nets of the same depth do not.',
    href: PAPERS.resnet,
  },
} as const;
