/**
 * Mean softmax cross-entropy of logits [batch×classes] against integer labels, with a stable
 * log-sum-exp (max subtracted). Writes dLogits = (softmax - onehot)/batch when given, and returns
 * the loss and the number of rows whose argmax (first maximum) is not the label.
 */
export function softmaxCrossEntropy(
  logits: Float64Array,
  labels: Int32Array,
  batch: number,
  classes: number,
  dLogits: Float64Array | null,
): { loss: number; errors: number } {
  let loss = 0;
  let errors = 0;
  for (let r = 0, o = 0; r < batch; r++, o += classes) {
    let max = logits[o];
    let argmax = 0;
    for (let c = 1; c < classes; c++) {
      if (logits[o + c] > max) {
        max = logits[o + c];
        argmax = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[o + c] - max);
    const label = labels[r];
    const logSumExp = max + Math.log(sum);
    loss += logSumExp - logits[o + label];
    if (argmax !== label) errors++;
    if (dLogits !== null) {
      for (let c = 0; c < classes; c++) dLogits[o + c] = Math.exp(logits[o + c] - logSumExp) / batch;
      dLogits[o + label] -= 1 / batch;
    }
  }
  return { loss: loss / batch, errors };
}
