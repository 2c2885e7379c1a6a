// The training report: figures and HTML of a `resnet-train/2` folder.
export { writeTrainReport } from './writeTrainReport.js';
export { loadTrain, type TrainData } from './loadTrain.js';
export { trainFigures, epochRows, depthRows } from './trainFigures.js';
export { planPlace, type RunPlace } from './runPlace.js';
export { gradNormFigure, gradNormSpec } from './gradNormFigure.js';
export { gradNormRows, shownDepths, type GradNormRow } from './gradNormRows.js';
export { gradNormFindings } from './gradNormFindings.js';
export { curveSpec, type CurveRow, type CurveSpecOptions } from './curveSpec.js';
export { dataText, type TrainDataText } from './trainContent.js';
export { renderTrainHtml, trainSummaryTable, type TrainHtmlInput } from './trainHtml.js';
export { trainHtmlTitle } from './title.js';
