import { checkFinite, checkInteger, checkOneOf } from './validate.js';
import { OptionsError } from './errors.js';

/** Network architecture: a plain stack of dense layers, or residual blocks `y = F(x) + x`. */
export type Arch = 'plain' | 'residual';
/** Element-wise activation after a dense layer. */
export type Activation = 'relu' | 'linear';
/** Weight initialisation: `he` draws N(0, 2/fanIn) as the notebook does, `xavier` N(0, 1/fanIn). */
export type Init = 'he' | 'xavier';

/** Every accepted architecture. */
export const ARCHS: readonly Arch[] = ['plain', 'residual'];

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
  /** Activation of every hidden layer (and of both layers inside a residual branch). */
  activation: Activation;
  /** Activation of the output layer; the notebook puts a ReLU there too. */
  outputActivation: Activation;
  /** Residual only: the branch enters the sum as branchScale * F(x). */
  branchScale: number;
  /** Residual only: the skip enters the sum as shortcutScale * x. */
  shortcutScale: number;
}

/** The notebook's network: input 16, width 16, He init, ReLU everywhere, unscaled skip. */
export const kDefaultNetworkConfig: Omit<NetworkConfig, 'arch' | 'depth'> = Object.freeze({
  inputSize: 16,
  width: 16,
  init: 'he',
  activation: 'relu',
  outputActivation: 'relu',
  branchScale: 1,
  shortcutScale: 1,
});

/** Options for a network: arch and depth are required, every other field defaults to the notebook's. */
export type NetworkOptions = Pick<NetworkConfig, 'arch' | 'depth'> & Partial<NetworkConfig>;

/** Fills defaults and validates every field once; the kernels trust the result. */
export function resolveNetworkConfig(options: NetworkOptions): NetworkConfig {
  if (options === null || typeof options !== 'object') throw new OptionsError('config', options, 'an object with arch and depth');
  const c = { ...kDefaultNetworkConfig, ...options };
  const arch = checkOneOf('arch', c.arch, ARCHS);
  return {
    arch,
    depth: checkInteger('depth', c.depth, arch === 'plain' ? 2 : 1),
    inputSize: checkInteger('inputSize', c.inputSize, 1),
    width: checkInteger('width', c.width, 1),
    init: checkOneOf('init', c.init, ['he', 'xavier'] as const),
    activation: checkOneOf('activation', c.activation, ['relu', 'linear'] as const),
    outputActivation: checkOneOf('outputActivation', c.outputActivation, ['relu', 'linear'] as const),
    branchScale: checkFinite('branchScale', c.branchScale),
    shortcutScale: checkFinite('shortcutScale', c.shortcutScale),
  };
}

/** Number of weight layers: depth for plain, 2*depth+2 for residual. */
export function layerCount(config: NetworkConfig): number {
  return config.arch === 'plain' ? config.depth : 2 * config.depth + 2;
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
