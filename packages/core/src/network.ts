import {
  layerCount,
  layerShape,
  resolveNetworkConfig,
  weightCount,
  type NetworkConfig,
  type NetworkOptions,
} from './config.js';
import { createDense, initDense, type DenseLayer } from './dense.js';
import { valueAt } from './perPosition.js';
import type { Rng } from './rng.js';

/** A plain or residual network: its config and its weight layers in construction order. */
export interface Network {
  readonly config: NetworkConfig;
  /**
   * plain: layers 1..L; residual: input_proj, block1.layer1, block1.layer2, ..., blockB.layer2,
   * output_proj. Every layer's w is a view into one contiguous `weights` array in that order.
   */
  readonly layers: readonly DenseLayer[];
  /** All weights, contiguous, in construction (= draw) order. */
  readonly weights: Float64Array;
}

/** Builds a network from options (notebook defaults); draws its weights from rng when given. */
export function createNetwork(options: NetworkOptions, rng?: Rng): Network {
  const config = resolveNetworkConfig(options);
  const weights = new Float64Array(weightCount(config));
  const n = layerCount(config);
  const stride = Math.max(config.width, config.inputSize);
  const biases = new Float64Array(n * stride);
  const layers: DenseLayer[] = [];
  let offset = 0;
  for (let i = 0; i < n; i++) {
    const [outDim, inDim] = layerShape(config, i);
    const activation = i === n - 1 ? config.outputActivation : layerActivation(config, i);
    const w = weights.subarray(offset, offset + outDim * inDim);
    layers.push(createDense(inDim, outDim, activation, w, biases.subarray(i * stride, i * stride + outDim)));
    offset += outDim * inDim;
  }
  const net: Network = { config, layers, weights };
  if (rng) initWeights(net, rng);
  return net;
}

/** Activation of hidden layer i: a residual net's input projection has its own; a block's second layer is linear unless the block is the notebook's. */
function layerActivation(config: NetworkConfig, i: number): NetworkConfig['activation'] {
  if (config.arch === 'residual' && i === 0) return config.inputActivation;
  const secondInBlock = config.arch === 'residual' && i > 0 && (i - 1) % 2 === 1;
  return secondInBlock && config.block !== 'notebook' ? 'linear' : config.activation;
}

/** Redraws every weight from rng in construction order (each layer as drawWeights: `randn(out, in) * scale` for he, with its own sigmaW2); biases to zero. */
export function initWeights(net: Network, rng: Rng): Network {
  const { init, sigmaW2 } = net.config;
  for (let i = 0; i < net.layers.length; i++) initDense(net.layers[i], rng, init, valueAt(sigmaW2, i));
  return net;
}

/** Every trainable array, in construction order: [w0, b0, w1, b1, ...]. */
export function parameters(net: Network): Float64Array[] {
  return net.layers.flatMap((l) => [l.w, l.b]);
}

/** Index of block b's first layer (0-based block) in a residual network's layer list. */
export function blockLayerIndex(block: number): number {
  return 1 + 2 * block;
}
