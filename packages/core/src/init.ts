import type { Init } from './networkKinds.js';
import { orthogonalize } from './orthogonal.js';
import type { Rng } from './rng.js';

/** Every accepted weight initialisation. */
export const INITS: readonly Init[] = ['he', 'xavier', 'lecun', 'orthogonal'];

/** The variance gain sigma_w^2 an init uses unless sigmaW2 is given: he 2, xavier and lecun 1, orthogonal 1. */
export function defaultSigmaW2(init: Init): number {
  return init === 'he' ? 2.0 : 1.0;
}

/**
 * The factor a standard normal draw is multiplied by: sqrt(sigmaW2 / fanIn) for the Gaussian inits
 * (weights N(0, sigmaW2/fanIn)); sqrt(sigmaW2) for orthogonal (the gain on the orthonormal matrix,
 * which gives the same E||Wx||^2 as the Gaussian).
 */
export function initScale(init: Init, fanIn: number, sigmaW2 = defaultSigmaW2(init)): number {
  return init === 'orthogonal' ? Math.sqrt(sigmaW2) : Math.sqrt(sigmaW2 / fanIn);
}

/**
 * Draws w = randn(outDim, inDim) (C order) times initScale, as numpy `rs.randn(out, in) * scale`;
 * orthogonal draws the same normals unscaled, orthogonalises them (see orthogonalize) and then scales.
 * Every init consumes exactly outDim*inDim normals, so a cell's draw count does not depend on it.
 */
export function drawWeights(
  w: Float64Array,
  outDim: number,
  inDim: number,
  rng: Rng,
  init: Init,
  sigmaW2 = defaultSigmaW2(init),
): Float64Array {
  if (init !== 'orthogonal') return rng.fillNormal(w, 0, outDim * inDim, initScale(init, inDim, sigmaW2));
  rng.fillNormal(w, 0, outDim * inDim);
  orthogonalize(w, outDim, inDim);
  const gain = initScale(init, inDim, sigmaW2);
  for (let i = 0; i < outDim * inDim; i++) w[i] *= gain;
  return w;
}
