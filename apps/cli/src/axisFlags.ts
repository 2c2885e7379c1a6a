import type { FlagSpec } from './options.js';

const list = (what: string) => `a comma-separated list of ${what}`;
const numbers = (position: string) =>
  `numbers or expressions of depth, blocks, layers, width and ${position} (e.g. 1,1/sqrt(depth))`;

/** The variant-axis flags of `resnet sweep`: each a comma-separated list, every default the notebook's single value. */
export const axisFlags: Record<string, FlagSpec> = {
  blocks: {
    type: 'string',
    describe: 'Residual blocks: notebook, original, preact [notebook]',
    accepts: list('notebook, original, preact'),
  },
  inits: {
    type: 'string',
    describe: 'Inits: he, xavier, lecun, orthogonal [he]',
    accepts: list('he, xavier, lecun, orthogonal'),
  },
  'sigma-w2': {
    type: 'string',
    describe: "Weight variance gains sigma_w^2, per weight layer with `layer`, e.g. 2,2+0.1*layer [the init's own]",
    accepts: list(numbers('layer, the 1-based weight layer')),
  },
  activations: {
    type: 'string',
    describe: 'Hidden activations: relu, tanh, linear [relu]',
    accepts: list('relu, tanh, linear'),
  },
  'output-activations': {
    type: 'string',
    describe: 'Output activations: relu, tanh, linear [relu]',
    accepts: list('relu, tanh, linear'),
  },
  'input-activations': {
    type: 'string',
    describe: 'Residual input activations [= --activations]',
    accepts: list('relu, tanh, linear'),
  },
  'branch-scale': {
    type: 'string',
    describe: 'Branch scales eta, per block with `block`, e.g. 1,1/sqrt(depth),1/sqrt(block) [1]',
    accepts: list(numbers('block, the 1-based residual block')),
  },
  'shortcut-scale': {
    type: 'string',
    describe: 'Shortcut scales lambda, per block with `block` [1]',
    accepts: list(numbers('block, the 1-based residual block')),
  },
  widths: { type: 'string', describe: 'Hidden widths, e.g. 16,64 [--width]', accepts: list('integers >= 1') },
  'depth-unit': {
    type: 'string',
    describe: 'Depth counts: native, layers, blocks [native]',
    accepts: 'one of native, layers, blocks',
  },
  dout: { type: 'string', describe: 'Output gradients: ones, normal [ones]', accepts: list('ones, normal') },
  batch: {
    type: 'string',
    describe: 'Inputs per cell, loss summed over them, e.g. 1,8 [1]',
    accepts: list('integers >= 1'),
  },
};
