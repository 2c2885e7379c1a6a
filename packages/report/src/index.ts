export { ReportError, ReportOptionsError, ReportInterruptedError, type ReportOptionName } from './errors.js';
export { writeReport, type ReportResult, type VariantsResult } from './writeReport.js';
export { VariantSums, cellFields } from './variants/variantSums.js';
export { formatVariantTable } from './variants/variantTable.js';
export { variantFigures, lastActFigure, summaryPalette } from './variants/variantFigures.js';
export { curvePalette, MAX_SERIES, OTHER_COLORS, type Curve, type CurvePalette } from './palette.js';
export { curvesOf, curvesOfGroups, curveLabel } from './variantFigure.js';
export { preloadReport } from './preload.js';
export { notebookReplay } from './notebookReplay.js';
export { resolveReportOptions, DEFAULT_TITLE, type ReportOptions, type ResolvedReportOptions } from './options.js';
export { loadSweep, readSweepHead, cellsFileName, type LoadSweepOptions, type SweepHead } from './sweep/loadSweep.js';
export {
  readSweepCells,
  streamSweepCells,
  type SweepCells,
  type ReadSweepCellsOptions,
  type StreamSweepCellsOptions,
  type OnSweepCell,
} from './sweep/readSweepCells.js';
export {
  streamSweepStats,
  streamedFiles,
  VALUES_PER_PASS,
  type StreamStatsOptions,
  type StreamedStats,
} from './sweep/streamSweepStats.js';
export { statsOfCells, type CellStatsOptions } from './statsOfCells.js';
export {
  MAX_OUTLIER_DOTS,
  type GroupMeta,
  type GroupStats,
  type SweepStats,
} from './sweepStats.js';
export { parseManifest } from './sweep/parseManifest.js';
export { parseSummary } from './sweep/parseSummary.js';
export {
  SWEEP_FORMAT,
  type SweepCell,
  type SweepData,
  type SweepGrid,
  type SweepManifest,
  type SummaryRow,
  type SummaryTable,
} from './sweep/types.js';
export { renderSvg, renderPng, renderPdf, pngScale, FigureView, type RenderOptions } from './render.js';
export {
  writeFigures,
  renderFigures,
  checkFormats,
  FIGURE_FORMATS,
  SPEC_SUFFIX,
  type FigureFormat,
  type WriteFiguresOptions,
  type RenderFiguresOptions,
  type RenderedFigure,
} from './writeFigures.js';
export { specJson } from './specs/specJson.js';
export { notebookFigures, patternsFigure, identityFigure, type IdentityFigureOptions } from './notebookFigures.js';
export { sweepFigures, figuresOfStats, profileDepth, type SweepFigureOptions } from './sweepFigures.js';
export {
  archsOf,
  depthsOf,
  groupCells,
  band,
  layerBands,
  depthBands,
  distribution,
  type Band,
  type Box,
  type Outlier,
  type OutlierBin,
  type LayerMetric,
} from './stats.js';
export type { Figure } from './specs/common.js';
export { logAxis, powerLabel, superscript, labelExpr, type LogAxis, type LogAxisOptions } from './specs/logAxis.js';
export { bandSpec, type BandSpecOptions } from './specs/bandSpec.js';
export { layerProfileSpec, METRIC_TITLES } from './specs/layerProfile.js';
export { ratioDepthSpec } from './specs/ratioDepth.js';
export { ratioDistributionSpec, pickDepths } from './specs/ratioDistribution.js';
export { patternsSpec, patternRows } from './specs/patterns.js';
export { identitySpec } from './specs/identity.js';
export { gradientFlowSpec, depthScalingSpec } from './specs/notebook.js';
export { renderHtml, type HtmlInput, type HtmlFigure } from './html/renderHtml.js';
export { escapeHtml } from './html/escape.js';
export { subsetFontDataUrl } from './html/fontSubset.js';
export { installFont, fontPath, FONT_ALIAS, FONT_FAMILY } from './font.js';
export { ARCH_COLORS, BAND_OPACITY, PLOT_WIDTH, PLOT_HEIGHT, type ArchName } from './theme.js';
export { writeTheoryReport, type TheoryReportOptions, type TheoryReportResult } from './theory/writeTheoryReport.js';
export { theoryFigures, theoryCaption, theoryFigureName, verdictLine } from './theory/theoryFigures.js';
export {
  theorySpec,
  theoryRows,
  SERIES_COLORS,
  THEORY_PLOT,
  type TheorySpecRow,
  type TheorySpecOptions,
} from './theory/theorySpec.js';
export { renderTheoryHtml, theoryTableHtml, THEORY_TABLE_STYLE, type TheoryHtmlInput } from './theory/theoryHtml.js';
export { theoryLede, theorySettingItems } from './theory/theoryContent.js';
export * from './train/index.js';
