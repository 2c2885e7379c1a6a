/**
 * Mean-field (width -> infinity) second moments of the notebook block's stream, x_{b+1} = x_b + relu(W2 relu(W1 x_b))
 * with He weights and a ReLU input projection of x ~ N(0, I): per coordinate q = E[x^2] and m = E[x]. The branch adds
 * E||branch||^2 = ||x||^2 and, being >= 0 with mean sqrt(q/pi) per coordinate, a cross term 2m·sqrt(q/pi):
 * q' = 2q + 2m·sqrt(q/pi), m' = m + sqrt(q/pi), from q_0 = 1, m_0 = 1/sqrt(pi). Returns q_b / q_0 for b = 0..blocks.
 */
export function notebookStreamMeanField(blocks: number): number[] {
  const c = 1 / Math.sqrt(Math.PI);
  let q = 1;
  let m = c;
  const out = [1];
  for (let b = 1; b <= blocks; b++) {
    const s = Math.sqrt(q);
    [q, m] = [2 * q + 2 * c * m * s, m + c * s];
    out.push(q);
  }
  return out;
}
