export { DataError, IdxError, MnistPackageError, type IdxFault } from './errors.js';
export {
  MNIST_SIDE,
  MNIST_FEATURES,
  MNIST_CLASSES,
  loadMnistDigits,
  mnistDigitsDir,
  type MnistDigitsOptions,
} from './mnistDigits.js';
export {
  stratifiedSplit,
  resolveSplitOptions,
  DEFAULT_SPLIT,
  type Split,
  type SplitOptions,
} from './stratifiedSplit.js';
export { selectRows } from './selectRows.js';
export { loadMnist, type MnistOptions } from './loadMnist.js';
export { readIdx, type IdxArray } from './readIdx.js';
export { loadIdx, loadMnistIdx, MNIST_IDX_FILES, type IdxOptions } from './loadIdx.js';
