import { depthScaling, NOTEBOOK_DEPTHS, type DepthScalingRow } from './depthScaling.js';
import { identityDemo, type IdentityDemo } from './identity.js';
import { measureWithRandomInput } from './measure.js';
import { createNetwork } from './network.js';
import { generatePatterns, type Patterns } from './patterns.js';
import { createRng } from './rng.js';

/** Every number the seed notebook prints, from one run top to bottom. */
export interface NotebookReplay {
  /** Depth of the gradient-flow demo (10 layers plain, 10 blocks residual). */
  depth: number;
  /** Per-layer gradient norms as the notebook plots them. */
  plainGrads: number[];
  resnetGrads: number[];
  /** first/last gradient-norm ratios (no epsilon in this cell). */
  plainRatio: number;
  resnetRatio: number;
  /** plainRatio / resnetRatio: "ResNet keeps gradients flowing N x better". */
  improvement: number;
  /** The 30 4x4 pattern samples. */
  patterns: Patterns;
  /** The identity-mapping demo. */
  identity: IdentityDemo;
  /** The depth-scaling table (depths 5, 10, 20, 30, 40, with the 1e-10 epsilon). */
  depthScaling: DepthScalingRow[];
}

/**
 * Replays the notebook's cells in order from one global RandomState(seed) (42 in the notebook,
 * never re-seeded), so every draw lands where the notebook's does.
 */
export function replayNotebook(seed = 42): NotebookReplay {
  const rng = createRng(seed);
  const size = 16;
  const depth = 10;
  // 1. Build both nets (all plain weights, then all residual weights).
  const plain = createNetwork({ arch: 'plain', depth }, rng);
  const resnet = createNetwork({ arch: 'residual', depth }, rng);
  // 2. measure_gradient_flow draws one x per net.
  const plainGrads = Array.from(measureWithRandomInput(plain, rng).gradNorms);
  const resnetGrads = Array.from(measureWithRandomInput(resnet, rng).gradNorms);
  const plainRatio = plainGrads[0] / plainGrads[plainGrads.length - 1];
  const resnetRatio = resnetGrads[0] / resnetGrads[resnetGrads.length - 1];
  // 3. generate_patterns(num_samples=30, size=4), 4. the identity demo, 5. test_depth_scaling.
  const patterns = generatePatterns(rng, 30, 4);
  const identity = identityDemo(rng, size);
  const scaling = depthScaling(rng, NOTEBOOK_DEPTHS, size);
  return {
    depth,
    plainGrads,
    resnetGrads,
    plainRatio,
    resnetRatio,
    improvement: plainRatio / resnetRatio,
    patterns,
    identity,
    depthScaling: scaling,
  };
}
