import type { Tolerance } from './verdict.js';

/** A check: one law, stated once, with the rule it is held to. Its id means this law everywhere. */
export interface CheckSpec {
  /** e.g. `1a`. */
  id: string;
  /** The prediction it belongs to (1 to 5). */
  prediction: number;
  /** The law in words, with its conditions. */
  law: string;
  /** What is measured (the row's measured number), in words. */
  quantity: string;
  /** How close counts as agreement, fixed before measuring. */
  tolerance: Tolerance;
  /** Why this tolerance: the smallest deviation that would matter. */
  toleranceWhy: string;
  /**
   * A relative tolerance stated per layer or per block: a row over n steps (first to last layer, B blocks) allows
   * a factor (1 + value)^n.
   */
  per?: 'layer' | 'block';
  /** A law that holds only in a limit, e.g. `width → ∞`. */
  limit?: string;
}

const EXACT: Tolerance = { kind: 'exact', value: 1e-12 };
const EXACT_WHY = 'an identity holds to rounding: double precision gives ~1e-16 per operation';
const SLOPE: Tolerance = { kind: 'absolute', value: 0.02 };
const SLOPE_WHY = 'e^0.02 ≈ 1.02: 2% per layer in a mean squared norm, the rate every per-layer law here is held to';
const RATIO_DW: Tolerance = { kind: 'relative', value: 0.02 };
const RATIO_DW_WHY =
  '2% per layer in mean ||dW||², as 1a and 1b: a factor 1.02^(L−1) between first and last layer, 1.20 at L = 10';
const STREAM: Tolerance = { kind: 'relative', value: 0.02 };
const STREAM_WHY = '2% per block in mean ||x_b||² (1% in norm): a factor 1.02^B over the stream, 1.22 at B = 10';
const VARIANCE: Tolerance = { kind: 'relative', value: 0.1 };
const VARIANCE_WHY = '±10% in the variance is ±5% in the spread (sd) of the log-gain';

/** Every check, by id. The ids are the row ids of `resnet theory` and of a sweep report's Variants section. */
export const CHECKS: Readonly<Record<string, CheckSpec>> = Object.freeze({
  '1a': {
    id: '1a',
    prediction: 1,
    law: 'forward: the mean of ||h_l||² changes by a factor σ²/2 per layer',
    quantity: 'slope of ln mean ||h_l||² per layer over the ReLU layers; predicted ln(σ²/2)',
    tolerance: SLOPE,
    toleranceWhy: SLOPE_WHY,
  },
  '1b': {
    id: '1b',
    prediction: 1,
    law: 'backward, zero-mean output gradient: the mean of ||δ_l||² changes by σ²/2 per layer towards the input',
    quantity: 'slope of ln mean ||δ_l||² per layer towards the input over the ReLU layers; predicted ln(σ²/2)',
    tolerance: SLOPE,
    toleranceWhy: SLOPE_WHY,
  },
  '1c': {
    id: '1c',
    per: 'layer',
    prediction: 1,
    law: 'σ² = 2, zero-mean output gradient (dout ~ N(0, I), linear output): first and last layers have equal mean ||dW||²',
    quantity: 'mean ||dW_1||² / mean ||dW_L||² over seeds',
    tolerance: RATIO_DW,
    toleranceWhy: RATIO_DW_WHY,
  },
  '1d': {
    id: '1d',
    per: 'layer',
    prediction: 1,
    law: "σ² = 2, the notebook's output gradient (dout = ones through a ReLU output): first and last layers have equal mean ||dW||²",
    quantity: 'mean ||dW_1||² / mean ||dW_L||² over seeds',
    tolerance: RATIO_DW,
    toleranceWhy: RATIO_DW_WHY,
  },
  '1e': {
    id: '1e',
    per: 'layer',
    prediction: 1,
    law: "σ² = 2, one of the notebook's two changes alone (dout = ones, or a ReLU output): first and last layers have equal mean ||dW||²",
    quantity: 'mean ||dW_1||² / mean ||dW_L||² over seeds',
    tolerance: RATIO_DW,
    toleranceWhy: RATIO_DW_WHY,
  },
  '2a': {
    id: '2a',
    prediction: 2,
    law: 'branch off (η = 0), shortcut scale λ: the backward signal changes by exactly λ per block, ||δ_b|| = λ^(B−b) ||δ_B||',
    quantity: 'largest relative error of ||δ_b|| against λ^(B−b) ||δ_B|| over seeds and blocks',
    tolerance: EXACT,
    toleranceWhy: EXACT_WHY,
  },
  '2b': {
    id: '2b',
    prediction: 2,
    law: 'branch off (η = 0), shortcut scale λ: the stream changes by exactly |λ| per block, ||x_b|| = |λ|^b ||x_0||',
    quantity: 'largest relative error of ||x_b|| against |λ|^b ||x_0|| over seeds and blocks',
    tolerance: EXACT,
    toleranceWhy: EXACT_WHY,
  },
  '3a': {
    id: '3a',
    prediction: 3,
    law: 'branch off (η = 0), λ = 1: the stream is the identity at init, x_b = x_0',
    quantity: 'largest ||x_b − x_0|| / ||x_0|| over seeds and blocks',
    tolerance: EXACT,
    toleranceWhy: EXACT_WHY,
  },
  '3b': {
    id: '3b',
    prediction: 3,
    law: "branch off (η = 0), λ = 1: the gradient reaches the stream's input unchanged, dL/dx_0 = dL/dx_B",
    quantity: 'largest ||dL/dx_b − dL/dx_B|| / ||dL/dx_B|| over seeds and blocks (vectors, not only norms)',
    tolerance: EXACT,
    toleranceWhy: EXACT_WHY,
  },
  '4a': {
    id: '4a',
    per: 'block',
    prediction: 4,
    law: 'pre-activation blocks, zero-mean stream (linear input projection): E||x_B||² / E||x_0||² = Π_b (1 + η_b²)',
    quantity: 'mean ||x_B||² / mean ||x_0||² over seeds',
    tolerance: STREAM,
    toleranceWhy: STREAM_WHY,
    limit: 'width → ∞',
  },
  '4b': {
    id: '4b',
    per: 'block',
    prediction: 4,
    law: 'pre-activation blocks, ReLU input projection (x_0 ≥ 0, as the notebook builds it): E||x_B||² / E||x_0||² = Π_b (1 + η_b²)',
    quantity: 'mean ||x_B||² / mean ||x_0||² over seeds',
    tolerance: STREAM,
    toleranceWhy: STREAM_WHY,
  },
  '4c': {
    id: '4c',
    prediction: 4,
    law: "the notebook's block (ReLU after the branch, η = 1): ||x_b|| grows by more than √2 per block",
    quantity: 'geometric-mean growth of ||x_b|| per block, exp(mean over seeds of ln(||x_B|| / ||x_0||) / B)',
    tolerance: { kind: 'above' },
    toleranceWhy: 'a bound: the zero-mean law gives √2 per block, a non-negative branch can only add',
  },
  '4d': {
    id: '4d',
    per: 'block',
    prediction: 4,
    law: "the notebook's block: E||x_B||² / E||x_0||² = q_B of the mean-field recursion q' = 2q + 2m√(q/π), m' = m + √(q/π)",
    quantity: 'mean ||x_B||² / mean ||x_0||² over seeds',
    tolerance: STREAM,
    toleranceWhy: STREAM_WHY,
    limit: 'width → ∞',
  },
  '5a': {
    id: '5a',
    prediction: 5,
    law: "Var over seeds of ln(||h_L||² / ||x||²) = 5β with β = Σ_l 1/width_l (Hanin's leading order)",
    quantity: 'sum over the grid of measured Var / sum of 5β',
    tolerance: VARIANCE,
    toleranceWhy: VARIANCE_WHY,
    limit: 'width → ∞ at fixed β',
  },
  '5b': {
    id: '5b',
    prediction: 5,
    law: 'Var over seeds of ln(||h_L||² / ||x||²) = Σ_l Var[ln χ²_K | K ≥ 1], K ~ Binomial(width_l, 1/2) (exact at finite width)',
    quantity: 'sum over the nets of measured Var / sum of the exact values',
    tolerance: VARIANCE,
    toleranceWhy: VARIANCE_WHY,
  },
  '5c': {
    id: '5c',
    prediction: 5,
    law: 'nets of equal β = Σ_l 1/width_l have equal Var ln(||h_L||² / ||x||²)',
    quantity: 'ratio of the two nets’ measured Var',
    tolerance: VARIANCE,
    toleranceWhy: VARIANCE_WHY,
    limit: 'width → ∞ at fixed β',
  },
});

/** The five predictions: title and source, by number. */
export const PREDICTIONS: Readonly<Record<number, { title: string; source: string }>> = Object.freeze({
  1: {
    title: 'Plain ReLU net, weights N(0, σ²/fan-in): a factor σ²/2 per layer',
    source: 'He et al. 2015 sec. 2.2',
  },
  2: {
    title: 'Residual stream with the branch off (η = 0) and a shortcut scale λ: exactly λ per block',
    source: 'He et al. 2016 eq. 5, with a shortcut scale λ',
  },
  3: {
    title: 'ReZero / SkipInit (η = 0, λ = 1): the identity at init',
    source: 'Bachlechner et al. 2020 (ReZero); De and Smith 2020 (SkipInit)',
  },
  4: {
    title: 'Growth of the residual stream: (1 + η²) per block',
    source: 'He et al. 2016 (pre-activation); the variance recursion of De and Smith 2020',
  },
  5: {
    title: 'Hanin: Var ln ||h_L||² grows with β = Σ 1/width',
    source: 'Hanin 2018; Hanin and Rolnick 2018',
  },
});

/** The check with this id (a typo is a programming error). */
export function check(id: string): CheckSpec {
  const c = CHECKS[id];
  if (!c) throw new Error(`no theory check ${id}`);
  return c;
}
