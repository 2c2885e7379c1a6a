import { adamStep } from './adam.js';
import { heapArena, type Arena } from './arena.js';
import type { TrainConfig } from './options.js';
import type { Param } from './param.js';
import { sgdStep } from './sgd.js';

/** An optimiser bound to a net's parameters; step applies one update at learning rate lr. */
export interface Optimizer {
  step(lr: number): void;
}

/**
 * The optimiser config.optimizer names, with its state (zeroed) for params from arena: a model's arena
 * (Model.arena) keeps SGD's step in its WebAssembly memory.
 */
export function createOptimizer(
  config: Pick<TrainConfig, 'optimizer' | 'momentum' | 'weightDecay' | 'beta1' | 'beta2' | 'adamEps'>,
  params: Param[],
  arena: Arena = heapArena,
): Optimizer {
  const state = () => params.map((p) => arena.f64(p.value.length));
  let t = 0;
  if (config.optimizer === 'adam') {
    const m = state();
    const v = state();
    return {
      step: (lr) => adamStep(params, m, v, ++t, lr, config.beta1, config.beta2, config.adamEps, config.weightDecay),
    };
  }
  const buffers = state();
  return { step: (lr) => sgdStep(params, buffers, lr, config.momentum, config.weightDecay, t++ === 0) };
}
