import { runCell } from '@resnet/core';
import { installFont } from './font.js';
import { preloadFontSubset } from './html/fontSubset.js';
import { identityFigure, patternsFigure } from './notebookFigures.js';
import { notebookReplay } from './notebookReplay.js';
import { FigureView } from './render.js';
import { sweepFigures } from './sweepFigures.js';
import { renderFigures } from './writeFigures.js';

let warm: Promise<void> | undefined;

/** Gives the event loop a turn between steps, so a caller's own work (a sweep's chunks) is not held up for long. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Warms what every report needs, so that a writeReport called later starts drawing at once: the font
 * (registered for measuring, read, and the subsetter's wasm loaded for the page), the notebook replay
 * and its two figures (compiled and drawn as SVG, kept for the report), and vega's compile, dataflow
 * and render paths of every figure (a tiny sweep's figures drawn and dropped). Call it while cells compute;
 * idempotent, never rejects, and writeReport works without it.
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
    // Every figure of a report once, from a tiny sweep computed here: vega's code paths are compiled
    // (JIT) before the real report needs them, which halves its first render.
    await turn();
    const cells = (['plain', 'residual'] as const).flatMap((arch) =>
      [2, 3].flatMap((depth) => [0, 1, 2].map((seed) => runCell({ arch, depth, seed }))),
    );
    for (const figure of sweepFigures(cells, { replay: r }).filter((f) => !f.keep)) {
      await turn();
      await renderFigures([figure], { dir: null, formats: ['svg', 'png'], scale: 1, keepSvg: true, specs: false });
    }
  })().catch(() => {
    // Never rejects (a caller need not await it): whatever failed here fails again, with its message, in writeReport.
  });
  return warm;
}
