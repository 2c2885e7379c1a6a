// The training report: figures and HTML of a `resnet-train/2` folder.
export { writeTrainReport } from './writeTrainReport.js';
export { loadTrain, type TrainData } from './loadTrain.js';
export { trainFigures, epochRows, depthRows, planPlace, type RunPlace } from './trainFigures.js';
export { gradNormFigure, gradNormRows, gradNormSpec, shownDepths, type GradNormRow } from './gradNormFigure.js';
export { curveSpec, type CurveRow, type CurveSpecOptions } from './curveSpec.js';
export { dataText, type TrainDataText } from './trainContent.js';
export { renderTrainHtml, trainSummaryTable, type TrainHtmlInput } from './trainHtml.js';
export { trainHtmlTitle } from './title.js';
