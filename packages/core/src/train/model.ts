import { initScale } from '../dense.js';
import type { Rng } from '../rng.js';
import { createBatchNormRelu } from './normLayer.js';
import type { Layer } from './layer.js';
import { createLinear, type LinearLayer } from './linear.js';
import { residualBlocks, type TrainConfig } from './options.js';
import { createRelu } from './relu.js';
import { createResidualBlock } from './residualBlock.js';
import { createSequential } from './sequential.js';
import { pushAll } from '../extrema.js';

/** The model fields of a resolved training config. */
export type ModelConfig = Pick<
  TrainConfig,
  'arch' | 'depth' | 'width' | 'batchNorm' | 'branchScale' | 'zeroInitBranch'
>;

/** A training net: logits [batch×classes] from inputs [batch×inputSize], with its parameters in order. */
export interface Model extends Layer {
  readonly config: ModelConfig;
  /** Every dense layer, first to last (depth of them). */
  readonly linears: LinearLayer[];
}

/**
 * Builds a net of config.depth dense layers for batches up to maxBatch, weights He-normal
 * (randn(out, in)·sqrt(2/in), drawn from rng layer by layer, first to last), biases zero.
 * plain: dense, then (BN, ReLU, dense) × (depth-1). residual: dense, then (depth-2)/2 pre-activation
 * blocks h + eta·[BN, ReLU, dense, BN, ReLU, dense](h), then BN, ReLU, dense. BN is left out when
 * config.batchNorm is false; zeroInitBranch zeroes each branch's last dense layer after drawing it.
 */
export function createModel(
  config: ModelConfig,
  inputSize: number,
  classes: number,
  maxBatch: number,
  rng: Rng,
): Model {
  const { width } = config;
  const linears: LinearLayer[] = [];
  const dense = (name: string, inDim: number, outDim: number, inputGrad = true): LinearLayer => {
    const layer = createLinear(name, inDim, outDim, maxBatch, inputGrad);
    rng.fillNormal(layer.w.value, 0, layer.w.value.length, initScale('he', inDim));
    linears.push(layer);
    return layer;
  };
  // BN (when enabled) then ReLU, before every dense layer but the first; the pair as one fused layer.
  const preActivation = (name: string): Layer[] =>
    config.batchNorm ? [createBatchNormRelu(`${name}.bn`, width, maxBatch)] : [createRelu(width, maxBatch)];
  const layers: Layer[] = [dense('layer0', inputSize, width, false)];
  if (config.arch === 'plain') {
    for (let i = 1; i < config.depth - 1; i++)
      pushAll(layers, [...preActivation(`layer${i}`), dense(`layer${i}`, width, width)]);
  } else {
    for (let blk = 0; blk < residualBlocks(config.depth); blk++) {
      const name = `block${blk}`;
      const first = dense(`${name}.layer0`, width, width);
      const pre0 = preActivation(`${name}.layer0`);
      const pre1 = preActivation(`${name}.layer1`);
      const last = dense(`${name}.layer1`, width, width);
      if (config.zeroInitBranch) last.w.value.fill(0);
      const branch = createSequential([...pre0, first, ...pre1, last]);
      layers.push(createResidualBlock(branch, config.branchScale, maxBatch));
    }
  }
  pushAll(layers, [...preActivation('head'), dense('head', width, classes)]);
  const net = createSequential(layers);
  return { ...net, config, linears };
}
