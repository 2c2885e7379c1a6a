import { replayNotebook, type NotebookReplay } from '@resnet/core';
import { installFont } from './font.js';
import { preloadFontSubset } from './html/fontSubset.js';
import { identityFigure, patternsFigure } from './notebookFigures.js';
import { FigureView } from './render.js';
import { bandSpec } from './specs/bandSpec.js';

let replay: NotebookReplay | undefined;
let warm: Promise<void> | undefined;

/** The notebook replay behind the patterns and identity figures: deterministic, so computed once per process. */
export function notebookReplay(): NotebookReplay {
  replay ??= replayNotebook();
  return replay;
}

/** Gives the event loop a turn between steps, so a caller's own work (a sweep's chunks) is not held up for long. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Warms what every report needs, so that a writeReport called later starts drawing at once: the font
 * (registered for measuring, read, and the subsetter's wasm loaded for the page), the notebook replay
 * and its two figures (compiled and drawn as SVG, kept for the report), and vega's compile, dataflow
 * and render paths for band figures (one tiny figure drawn and dropped). Call it while cells compute;
 * idempotent, and writeReport works without it.
 */
export function preloadReport(): Promise<void> {
  warm ??= (async () => {
    installFont();
    await preloadFontSubset();
    await turn();
    const r = notebookReplay();
    for (const figure of [patternsFigure(r.patterns), identityFigure(r.identity, { weightScale: 0.001 })]) {
      await turn();
      await (await FigureView.keep(figure.spec)).svg();
    }
    await turn();
    const bands = [1, 2].flatMap((x) => (['plain', 'residual'] as const).map((arch) => ({ arch, x, count: 1, nonFinite: 0, nonPositive: 0, median: x, p5: x / 2, p25: x, p75: x, p95: 2 * x })));
    const view = await FigureView.create(bandSpec(bands, { xTitle: 'x', yTitle: 'y', reference: 1 }));
    try {
      await view.svg();
      await (await view.drawPng(1)).encoded;
    } finally {
      view.finalize();
    }
  })();
  return warm;
}
