import type { Rng } from './rng.js';
import { checkFinite, checkInteger } from './validate.js';

/** Synthetic image-like samples: size×size images, flattened row-major, with class labels. */
export interface Patterns {
  /** [numSamples × size*size], row-major: sample i is X[i*size*size .. (i+1)*size*size). */
  X: Float64Array;
  /** Class of each sample: 0 horizontal line, 1 vertical line, 2 diagonal. */
  y: Int32Array;
  numSamples: number;
  size: number;
}

/** Names of the three pattern classes, by label. */
export const PATTERN_CLASSES = ['horizontal', 'vertical', 'diagonal'] as const;

/**
 * The notebook's generate_patterns: sample i has class i % 3 (row 2 set, column 3 set, or the
 * diagonal), plus noise randn(size, size) * noise drawn from rng in C order.
 */
export function generatePatterns(rng: Rng, numSamples = 100, size = 8, noise = 0.1): Patterns {
  checkInteger('numSamples', numSamples, 1);
  checkInteger('size', size, 4);
  checkFinite('noise', noise);
  const pixels = size * size;
  const X = new Float64Array(numSamples * pixels);
  const y = new Int32Array(numSamples);
  const draws = new Float64Array(pixels);
  for (let i = 0; i < numSamples; i++) {
    const label = i % 3;
    const base = i * pixels;
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const on = label === 0 ? r === 2 : label === 1 ? c === 3 : r === c;
        X[base + r * size + c] = on ? 1 : 0;
      }
    }
    rng.fillNormal(draws);
    for (let p = 0; p < pixels; p++) X[base + p] += draws[p] * noise;
    y[i] = label;
  }
  return { X, y, numSamples, size };
}
