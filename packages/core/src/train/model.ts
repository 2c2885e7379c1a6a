import { initScale } from '../dense.js';
import type { Rng } from '../rng.js';
import { type Arena, arenaBytes, createArena, createSizingArena } from './arena.js';
import type { Layer } from './layer.js';
import { createLinear, type LinearLayer } from './linear.js';
import { createBatchNormRelu } from './normLayer.js';
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
  /** An input batch buffer [maxBatch×inputSize] in the net's memory: forward runs fastest on it (no copies). */
  readonly input: Float64Array;
  /** A buffer for dL/d(logits) [maxBatch×classes] in the net's memory: backward runs fastest on it. */
  readonly outputGrad: Float64Array;
  /** The rest of the net's memory: room for one optimiser's state (stateArrays per parameter), see createOptimizer. */
  readonly arena: Arena;
  /** What a train-mode forward moves besides the buffers: every BatchNorm's running mean and variance, in order. */
  readonly runningStats: Float64Array[];
}

/**
 * Builds a net of config.depth dense layers for batches up to maxBatch, weights He-normal
 * (randn(out, in)·sqrt(2/in), drawn from rng layer by layer, first to last), biases zero.
 * plain: dense, then (BN, ReLU, dense) × (depth-1). residual: dense, then (depth-2)/2 pre-activation
 * blocks h + eta·[BN, ReLU, dense, BN, ReLU, dense](h), then BN, ReLU, dense. BN is left out when
 * config.batchNorm is false; zeroInitBranch zeroes each branch's last dense layer after drawing it.
 * Every parameter and buffer lives in one arena (one WebAssembly memory where available), sized by a first
 * build against a sizing arena, with room left for the optimiser's state (Model.arena): stateArrays arrays
 * per parameter (SGD's momentum takes 1, Adam's moments 2).
 */
export function createModel(
  config: ModelConfig,
  inputSize: number,
  classes: number,
  maxBatch: number,
  rng: Rng,
  stateArrays = 2,
): Model {
  // 1. Size the memory: the net, plus the optimiser's state arrays.
  const sizing = createSizingArena();
  const sized = buildNet(config, inputSize, classes, maxBatch, sizing).net.params;
  const stateBytes = stateArrays * sized.reduce((sum, p) => sum + arenaBytes(p.value.length), 0);
  // 2. Build the net in it, then draw the weights layer by layer.
  const arena = createArena(sizing.bytes() + stateBytes);
  const { net, linears, zeroInit, input, outputGrad, runningStats } = buildNet(
    config,
    inputSize,
    classes,
    maxBatch,
    arena,
  );
  for (const layer of linears) rng.fillNormal(layer.w.value, 0, layer.w.value.length, initScale('he', layer.inDim));
  for (const layer of zeroInit) layer.w.value.fill(0);
  return { ...net, config, linears, input, outputGrad, arena, runningStats };
}

/** The net's layers with every array from arena, weights not yet drawn. */
function buildNet(config: ModelConfig, inputSize: number, classes: number, maxBatch: number, arena: Arena) {
  const { width } = config;
  const linears: LinearLayer[] = [];
  const zeroInit: LinearLayer[] = [];
  const runningStats: Float64Array[] = [];
  const input = arena.f64(maxBatch * inputSize);
  const outputGrad = arena.f64(maxBatch * classes);
  const dense = (name: string, inDim: number, outDim: number, inputGrad = true): LinearLayer => {
    const layer = createLinear(name, inDim, outDim, maxBatch, inputGrad, arena);
    linears.push(layer);
    return layer;
  };
  // BN (when enabled) then ReLU, before every dense layer but the first; the pair as one fused layer.
  const preActivation = (name: string): Layer[] => {
    if (!config.batchNorm) return [createRelu(width, maxBatch, arena)];
    const bn = createBatchNormRelu(`${name}.bn`, width, maxBatch, arena);
    runningStats.push(bn.runningMean, bn.runningVar);
    return [bn];
  };
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
      if (config.zeroInitBranch) zeroInit.push(last);
      const branch = createSequential([...pre0, first, ...pre1, last]);
      layers.push(createResidualBlock(branch, config.branchScale, maxBatch, arena));
    }
  }
  pushAll(layers, [...preActivation('head'), dense('head', width, classes)]);
  return { net: createSequential(layers), linears, zeroInit, input, outputGrad, runningStats };
}
