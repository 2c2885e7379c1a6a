import { replayNotebook, type NotebookReplay } from '@resnet/core';
import { installFont } from './font.js';
import { preloadFontSubset } from './html/fontSubset.js';
import { FigureView } from './render.js';
import { identitySpec } from './specs/identity.js';

let replay: NotebookReplay | undefined;
let warm: Promise<void> | undefined;

/** The notebook replay behind the patterns and identity figures: deterministic, so computed once per process. */
export function notebookReplay(): NotebookReplay {
  replay ??= replayNotebook();
  return replay;
}

/**
 * Warms what every report needs, so that a writeReport called later starts drawing at once: the font
 * (registered for measuring, read and the subsetter loaded for the HTML), the notebook replay, and
 * vega's compile, parse and render paths (one small figure drawn and dropped). Call it while cells
 * compute; idempotent, and writeReport works without it.
 */
export function preloadReport(): Promise<void> {
  warm ??= (async () => {
    installFont();
    await preloadFontSubset();
    const view = await FigureView.create(identitySpec(notebookReplay().identity));
    try {
      await view.svg();
      await (await view.drawPng(1)).encoded;
    } finally {
      view.finalize();
    }
  })();
  return warm;
}
