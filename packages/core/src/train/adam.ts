import type { Param } from './param.js';

/**
 * One Adam step (PyTorch's, L2 decay added to the gradient), step t counted from 1:
 * m = b1·m + (1-b1)·g, v = b2·v + (1-b2)·g², p -= lr·(m/(1-b1^t)) / (sqrt(v/(1-b2^t)) + eps).
 */
export function adamStep(
  params: Param[],
  m: Float64Array[],
  v: Float64Array[],
  t: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  weightDecay: number,
): void {
  const c1 = 1 - beta1 ** t;
  const c2 = 1 - beta2 ** t;
  for (let k = 0; k < params.length; k++) {
    const { value, grad } = params[k];
    const mk = m[k];
    const vk = v[k];
    for (let i = 0; i < value.length; i++) {
      const g = grad[i] + weightDecay * value[i];
      mk[i] = beta1 * mk[i] + (1 - beta1) * g;
      vk[i] = beta2 * vk[i] + (1 - beta2) * g * g;
      value[i] -= (lr * (mk[i] / c1)) / (Math.sqrt(vk[i] / c2) + eps);
    }
  }
}
