import type { Activation } from './config.js';

/** out[i] = act(z[i]) over n elements (relu lets NaN through, as np.maximum(0, z) does). */
export function activate(kind: Activation, z: Float64Array, out: Float64Array, n = z.length): Float64Array {
  if (kind === 'relu') for (let i = 0; i < n; i++) out[i] = !(z[i] > 0) && !Number.isNaN(z[i]) ? 0 : z[i];
  else if (kind === 'tanh') for (let i = 0; i < n; i++) out[i] = Math.tanh(z[i]);
  else if (out !== z) for (let i = 0; i < n; i++) out[i] = z[i];
  return out;
}

/** dz[i] = dOut[i] · act'(z[i]) over n elements (relu multiplies by the 0/1 mask so inf·0 gives NaN as numpy). */
export function activationBackward(
  kind: Activation,
  z: Float64Array,
  dOut: Float64Array,
  dz: Float64Array,
  n = z.length,
): Float64Array {
  if (kind === 'relu') for (let i = 0; i < n; i++) dz[i] = dOut[i] * (z[i] > 0 ? 1 : 0);
  else if (kind === 'tanh') {
    for (let i = 0; i < n; i++) {
      const t = Math.tanh(z[i]);
      dz[i] = dOut[i] * (1 - t * t);
    }
  } else if (dz !== dOut) for (let i = 0; i < n; i++) dz[i] = dOut[i];
  return dz;
}
