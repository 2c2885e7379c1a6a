import { checkInteger, checkOneOf } from './validate.js';
import { OptionsError } from './errors.js';
import { defaultSigmaW2, INITS } from './init.js';
import { weightLayerCount } from './weightLayerCount.js';
import { checkPerPosition, type PerPosition } from './perPosition.js';
import type { Activation, Arch, Block, Init } from './networkKinds.js';

export type { Activation, Arch, Block, Init } from './networkKinds.js';

/** Every accepted architecture. */
export const ARCHS: readonly Arch[] = ['plain', 'residual'];
/** Every accepted activation. */
export const ACTIVATIONS: readonly Activation[] = ['relu', 'tanh', 'linear'];
/** Every accepted residual block kind. */
export const BLOCKS: readonly Block[] = ['notebook', 'original', 'preact'];

/** A network described as data; a variant is a field, not a class. */
export interface NetworkConfig {
  /** `plain` or `residual`. */
  arch: Arch;
  /** plain: number of weight layers (>= 2); residual: number of blocks (>= 1), 2*depth+2 weight layers. */
  depth: number;
  /** Size of the input and of the output. */
  inputSize: number;
  /** Hidden width. */
  width: number;
  /** Weight initialisation. */
  init: Init;
  /**
   * Variance gain sigma_w^2 (>= 0): Gaussian inits draw N(0, sigmaW2/fanIn), orthogonal is scaled by
   * sqrt(sigmaW2). Defaults to the init's own (he 2; xavier, lecun, orthogonal 1). An array gives one value per
   * weight layer in construction order (length layerCount).
   */
  sigmaW2: PerPosition;
  /** Activation of every hidden layer (and of both layers inside a residual branch). */
  activation: Activation;
  /** Activation of the output layer; the notebook puts a ReLU there too. */
  outputActivation: Activation;
  /**
   * Residual only: activation of the input projection (layer 0), which feeds the stream x_0. Defaults to
   * `activation`; `linear` keeps the stream zero-mean, which the (1 + eta^2)^B law for preact assumes.
   */
  inputActivation: Activation;
  /** Residual only: where the activations sit in a block (see Block). Ignored by plain. */
  block: Block;
  /** Residual only: eta, the branch enters the sum as branchScale * F(x); 0 is ReZero / SkipInit. An array gives eta_b per block (length depth). */
  branchScale: PerPosition;
  /** Residual only: lambda, the skip enters the sum as shortcutScale * x. An array gives lambda_b per block (length depth). */
  shortcutScale: PerPosition;
}

/** The notebook's network: input 16, width 16, He init, ReLU everywhere, the notebook's block, unscaled skip (sigmaW2 follows init, inputActivation follows activation). */
export const kDefaultNetworkConfig: Omit<NetworkConfig, 'arch' | 'depth' | 'sigmaW2' | 'inputActivation'> =
  Object.freeze({
    inputSize: 16,
    width: 16,
    init: 'he',
    activation: 'relu',
    outputActivation: 'relu',
    block: 'notebook',
    branchScale: 1,
    shortcutScale: 1,
  });

/** Options for a network: arch and depth are required, every other field defaults to the notebook's. */
export type NetworkOptions = Pick<NetworkConfig, 'arch' | 'depth'> & Partial<NetworkConfig>;

/** Fills defaults and validates every field once; the kernels trust the result. */
export function resolveNetworkConfig(options: NetworkOptions): NetworkConfig {
  if (options === null || typeof options !== 'object')
    throw new OptionsError('config', options, 'an object with arch and depth');
  const c = { ...kDefaultNetworkConfig, ...options };
  const arch = checkOneOf('arch', c.arch, ARCHS);
  const init = checkOneOf('init', c.init, INITS);
  const activation = checkOneOf('activation', c.activation, ACTIVATIONS);
  const depth = checkInteger('depth', c.depth, arch === 'plain' ? 2 : 1);
  // Per-block arrays need blocks: a plain net takes scalars only (which it ignores).
  const blocks = arch === 'residual' ? depth : 0;
  const noBlocks = 'A plain net has no blocks: give one number (it is ignored).';
  return {
    arch,
    depth,
    inputSize: checkInteger('inputSize', c.inputSize, 1),
    width: checkInteger('width', c.width, 1),
    init,
    sigmaW2:
      c.sigmaW2 === undefined
        ? defaultSigmaW2(init)
        : checkPerPosition('sigmaW2', c.sigmaW2, weightLayerCount(arch, depth), 'weight layer', 0),
    activation,
    inputActivation:
      c.inputActivation === undefined ? activation : checkOneOf('inputActivation', c.inputActivation, ACTIVATIONS),
    outputActivation: checkOneOf('outputActivation', c.outputActivation, ACTIVATIONS),
    block: checkOneOf('block', c.block, BLOCKS),
    branchScale: checkPerPosition('branchScale', c.branchScale, blocks, 'residual block', -Infinity, noBlocks),
    shortcutScale: checkPerPosition('shortcutScale', c.shortcutScale, blocks, 'residual block', -Infinity, noBlocks),
  };
}

/** Number of weight layers: depth for plain, 2*depth+2 for residual. */
export function layerCount(config: Pick<NetworkConfig, 'arch' | 'depth'>): number {
  return weightLayerCount(config.arch, config.depth);
}

/** [outDim, inDim] of weight layer `index` in construction order. */
export function layerShape(config: NetworkConfig, index: number): [outDim: number, inDim: number] {
  const last = layerCount(config) - 1;
  if (index === 0) return [config.width, config.inputSize];
  if (index === last) return [config.inputSize, config.width];
  return [config.width, config.width];
}

/** Total number of weights, i.e. normal draws made to initialise the network. */
export function weightCount(config: NetworkConfig): number {
  const n = layerCount(config);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const [o, k] = layerShape(config, i);
    total += o * k;
  }
  return total;
}
