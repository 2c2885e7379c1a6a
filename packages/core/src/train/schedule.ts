import type { TrainConfig } from './options.js';

/**
 * The learning rate at step (0-based) of totalSteps: a linear warmup over warmupEpochs
 * (lr·(step+1)/warmupSteps), then constant; step (lr·stepGamma^floor(epoch/stepEpochs)); or cosine
 * (minLr + (lr-minLr)·(1+cos(pi·t))/2, t = (step-warmupSteps)/(totalSteps-warmupSteps), as
 * PyTorch's CosineAnnealingLR stepped per batch with T_max the remaining steps).
 */
export function learningRate(
  config: Pick<TrainConfig, 'lr' | 'schedule' | 'warmupEpochs' | 'stepEpochs' | 'stepGamma' | 'minLr'>,
  step: number,
  stepsPerEpoch: number,
  totalSteps: number,
): number {
  const warmup = Math.min(Math.round(config.warmupEpochs * stepsPerEpoch), totalSteps);
  if (step < warmup) return (config.lr * (step + 1)) / warmup;
  switch (config.schedule) {
    case 'constant':
      return config.lr;
    case 'step':
      return config.lr * config.stepGamma ** Math.floor(Math.floor(step / stepsPerEpoch) / config.stepEpochs);
    case 'cosine': {
      const t = (step - warmup) / (totalSteps - warmup);
      return config.minLr + ((config.lr - config.minLr) * (1 + Math.cos(Math.PI * t))) / 2;
    }
  }
}
