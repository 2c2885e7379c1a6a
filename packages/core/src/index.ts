export { CoreError, OptionsError, ShapeError, NonFiniteInputError, type ErrorKind } from './errors.js';
export { createRng, LegacyRandomState, StreamRng, type Rng } from './rng.js';
export {
  ARCHS,
  ACTIVATIONS,
  BLOCKS,
  kDefaultNetworkConfig,
  resolveNetworkConfig,
  layerCount,
  layerShape,
  weightCount,
  type Arch,
  type Activation,
  type Init,
  type Block,
  type NetworkConfig,
  type NetworkOptions,
} from './config.js';
export { valueAt, type PerPosition } from './perPosition.js';
export { matmul, matmulTransposeA, norm, axpby } from './tensor.js';
export { INITS, defaultSigmaW2, drawWeights } from './init.js';
export { orthogonalize } from './orthogonal.js';
export { activate, activationBackward } from './activation.js';
export { weightLayerCount } from './weightLayerCount.js';
export { depthFor, blocksForWeightLayers, DEPTH_UNITS, type DepthUnit } from './depthUnit.js';
export {
  createDense,
  initDense,
  initScale,
  denseForward,
  denseBackward,
  type DenseLayer,
  type DenseGrads,
} from './dense.js';
export { createNetwork, initWeights, parameters, blockLayerIndex, type Network } from './network.js';
export { createWorkspace, type Workspace } from './workspace.js';
export { forward, backward } from './propagate.js';
export { gradientFlow, gradientFlowSizes, createGradientFlow, type GradientFlow } from './metrics.js';
export { measureGradientFlow, measureWithRandomInput, type MeasureOptions } from './measure.js';
export {
  cell,
  runCell,
  decodeCell,
  CellRunner,
  type CellKernel,
  type CellRunnerOptions,
  type CellShapeSpec,
  type PreparedCell,
} from './cell.js';
export {
  cellLayout,
  cellNormalCount,
  CELL_SCALARS,
  CELL_ARRAYS,
  DOUTS,
  type Dout,
  type CellSpec,
  type CellLayout,
  type CellResult,
} from './cellLayout.js';
export { networkKey } from './networkKey.js';
export { generatePatterns, PATTERN_CLASSES, type Patterns } from './patterns.js';
export { identityDemo, type IdentityDemo } from './identity.js';
export { depthScaling, NOTEBOOK_DEPTHS, type DepthScalingRow } from './depthScaling.js';
export { replayNotebook, type NotebookReplay } from './notebook.js';
export { quantileSorted, summaryStats, type SummaryStats } from './stats.js';
export { maxOf, minOf, pushAll } from './extrema.js';
// Training: batched layers, nets, optimisers, schedules and the training loop.
export { gemm } from './train/gemm.js';
export { setTrainSimd, trainKernel } from './train/kernels.js';
export { type Arena, arenaBytes, createArena, createSizingArena, heapArena } from './train/arena.js';
export { createParam, type Param } from './train/param.js';
export type { Layer } from './train/layer.js';
export { linearForward, linearBackward, createLinear, type LinearLayer } from './train/linear.js';
export { reluForward, reluBackward, createRelu } from './train/relu.js';
export {
  batchNormTrainForward,
  batchNormEvalForward,
  batchNormBackward,
  BATCH_NORM_MOMENTUM,
  BATCH_NORM_EPS,
  type BatchNormLayer,
} from './train/batchNorm.js';
export { createBatchNorm, createBatchNormRelu } from './train/normLayer.js';
export { softmaxCrossEntropy } from './train/softmaxCrossEntropy.js';
export { createSequential } from './train/sequential.js';
export { createResidualBlock } from './train/residualBlock.js';
export { createModel, type Model, type ModelConfig } from './train/model.js';
export {
  resolveTrainOptions,
  residualBlocks,
  kDefaultTrainOptions,
  TRAIN_ARCHS,
  OPTIMIZERS,
  SCHEDULES,
  type TrainArch,
  type ModelOptions,
  type TrainOptions,
  type TrainConfig,
} from './train/options.js';
export { sgdStep } from './train/sgd.js';
export { adamStep } from './train/adam.js';
export { createOptimizer, type Optimizer } from './train/optimizer.js';
export { learningRate } from './train/schedule.js';
export { permutation, randomInterval } from './train/shuffle.js';
export {
  checkDataset,
  firstRows,
  gatherBatch,
  limitSplit,
  patternsDataset,
  type Dataset,
} from './train/dataset.js';
export {
  createTrainer,
  shuffleSeed,
  type Trainer,
  type StepRecord,
  type EpochRecord,
  type TrainResult,
  type TrainData,
} from './train/trainer.js';
export { trainRun, type StepCallback } from './train/trainRun.js';
export { evaluate } from './train/evaluate.js';
export { weightGradNorms } from './train/gradNorms.js';
// Theory: the five predictions measured against their theory, with one verdict rule, as plain data.
export {
  runTheory,
  mergeTheoryResults,
  splitPredictions,
  PREDICTION_COST,
  type TheoryResult,
} from './theory/runTheory.js';
export {
  resolveTheoryOptions,
  kDefaultTheoryOptions,
  type TheoryOptions,
  type ResolvedTheoryOptions,
  type HaninCell,
} from './theory/theoryOptions.js';
export type { TheoryRow, TheoryPoint, TheorySeries, TheoryFigure, PredictionResult } from './theory/types.js';
export { relError } from './theory/types.js';
export {
  GroupSums,
  jackknife,
  jackknifeT,
  inInterval,
  JACKKNIFE_GROUPS,
  type Estimate,
  type Scale,
} from './theory/jackknife.js';
export { studentTQuantile, studentTCdf, incompleteBeta, logGamma } from './theory/studentT.js';
export {
  decide,
  decideExact,
  toleranceText,
  alternativeText,
  MIN_EFFECTIVE_SEEDS,
  type Verdict,
  type Tolerance,
  type Decision,
} from './theory/verdict.js';
export { CHECKS, PREDICTIONS, check, type CheckSpec } from './theory/checks.js';
export { measureUnit, type SeedPlan, type SeedUnit } from './theory/adaptive.js';
export { digamma, trigamma, reluLayerLogVariance } from './theory/special.js';
export { prediction1, P1_GAINS } from './theory/prediction1.js';
export { prediction2, P2_SCALES, P2_BLOCKS, EXACT_TOLERANCE } from './theory/prediction2.js';
export { prediction3 } from './theory/prediction3.js';
export { prediction4 } from './theory/prediction4.js';
export { notebookStreamMeanField } from './theory/meanField.js';
export { prediction5 } from './theory/prediction5.js';
export { plainRun, plainRuns, type PlainRunSpec, type SeedRun } from './theory/plainRuns.js';
export { slope, slopeRow, dWRatioRow } from './theory/plainLaws.js';
export { preactLaw, preactRow, growthRow, meanFieldRow, streamRatio } from './theory/streamLaws.js';
export { logGainVariance, exactLogVariance, finiteWidthExcess, type HaninNet } from './theory/haninLaws.js';
export { residualRuns, streamRun, type ResidualRunSpec, type StreamRun } from './theory/residualRuns.js';
export { fmt as formatTheoryNumber } from './theory/format.js';
export {
  formatTheoryTable,
  theoryCells,
  checkHeading,
  verdictCounts,
  verdictText,
  THEORY_COLUMNS,
  THEORY_SYMBOLS,
  type TheoryCells,
} from './theory/theoryTable.js';
export { variantTheory, VARIANT_LEVEL } from './theory/variantTheory.js';
export { variantLogVariance } from './theory/plainVariant.js';
export { variantPreactLaw } from './theory/residualVariant.js';
export type {
  VariantFields,
  VariantGroup,
  VariantTheory,
  VariantTheoryRow,
  VariantPrediction,
} from './theory/variantTypes.js';
