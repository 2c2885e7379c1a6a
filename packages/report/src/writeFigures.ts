import { join } from 'node:path';
import { ReportInterruptedError, ReportOptionsError } from './errors.js';
import { makeDir, writeAtomic } from './outputs.js';
import { FigureView, pngScale } from './render.js';
import type { Figure } from './specs/common.js';
import { specJson } from './specs/specJson.js';

/** A figure file format. */
export type FigureFormat = 'png' | 'svg' | 'pdf';
/** Every format, in the order files are written. */
export const FIGURE_FORMATS: readonly FigureFormat[] = ['svg', 'png', 'pdf'];
/** Suffix of the Vega-Lite spec written beside each figure's files (data inline, ready for Altair or vl-convert). */
export const SPEC_SUFFIX = '.vl.json';

/** Options of writeFigures. */
export interface WriteFiguresOptions {
  /** Files to write per figure; default ['svg', 'png']. */
  formats?: readonly FigureFormat[];
  /** PNG scale (default 2); ignored when ppi is given. */
  scale?: number;
  /** PNG resolution in pixels per inch; scale = ppi / 72. */
  ppi?: number;
  /** Also write each figure's Vega-Lite spec as <name>.vl.json; default true. */
  specs?: boolean;
}

/** Checks a formats option: an array of 'png' | 'svg' | 'pdf', without repeats. */
export function checkFormats(formats: unknown): FigureFormat[] {
  if (
    !Array.isArray(formats) ||
    !formats.every((f) => (FIGURE_FORMATS as readonly unknown[]).includes(f)) ||
    new Set(formats).size !== formats.length
  ) {
    throw new ReportOptionsError(
      'formats',
      formats,
      'an array of distinct "svg", "png", "pdf"',
      'e.g. ["svg", "png"].',
    );
  }
  return formats as FigureFormat[];
}

/** One figure as renderFigures left it. */
export interface RenderedFigure {
  figure: Figure;
  /** Image files written, in the formats' order. */
  files: string[];
  /** The .vl.json written beside them, or null. */
  spec: string | null;
  /** SVG markup, when asked for (keepSvg) or written. */
  svg: string | null;
  width: number;
  height: number;
}

/** How renderFigures works. */
export interface RenderFiguresOptions {
  /** Folder of the files (must exist), or null to write nothing. */
  dir: string | null;
  formats: readonly FigureFormat[];
  scale: number;
  /** Keep each figure's SVG markup even when no SVG file is written (the HTML inlines it). */
  keepSvg: boolean;
  /** Write <name>.vl.json beside the files. */
  specs: boolean;
  /** Checked before each figure: once aborted, the files in flight are finished and ReportInterruptedError is thrown. */
  signal?: AbortSignal | null;
}

/**
 * Renders figures one after the other (one vega view per figure for every format) while the earlier
 * figures' PNG encoding and file writes run in the background. Every file is written whole or not at
 * all (temp file, then rename).
 */
export async function renderFigures(figures: readonly Figure[], o: RenderFiguresOptions): Promise<RenderedFigure[]> {
  const pending: Promise<void>[] = [];
  let settled: PromiseSettledResult<void>[] = [];
  const written: string[] = [];
  const write = (file: string, bytes: string | Uint8Array | Promise<string | Uint8Array>) =>
    pending.push(
      Promise.resolve(bytes)
        .then((b) => writeAtomic(file, b))
        .then(() => void written.push(file)),
    );
  const out: RenderedFigure[] = [];
  try {
    for (const figure of figures) {
      if (o.signal?.aborted) {
        await Promise.allSettled(pending);
        throw new ReportInterruptedError(written);
      }
      // 1. Compile and run the dataflow once; 2. draw every format from it (PNG encoding runs off the main thread).
      const view = await (figure.keep ? FigureView.keep(figure.spec) : FigureView.create(figure.spec));
      const rendered: RenderedFigure = {
        figure,
        files: [],
        spec: null,
        svg: null,
        width: view.width,
        height: view.height,
      };
      try {
        for (const format of o.formats) {
          if (format === 'svg') rendered.svg = await view.svg();
          const bytes =
            format === 'svg'
              ? rendered.svg!
              : format === 'png'
                ? (await view.drawPng(o.scale)).encoded
                : await view.pdf(figure.title);
          if (o.dir === null) continue;
          const file = join(o.dir, `${figure.name}.${format}`);
          write(file, bytes);
          rendered.files.push(file);
        }
        if (o.keepSvg && rendered.svg === null) rendered.svg = await view.svg();
      } finally {
        view.finalize();
      }
      if (o.dir !== null && o.specs) {
        rendered.spec = join(o.dir, `${figure.name}${SPEC_SUFFIX}`);
        write(rendered.spec, specJson(figure.spec));
      }
      out.push(rendered);
    }
  } finally {
    // Never leave a write running behind a thrown error: let every one finish (or clean up its temp file).
    settled = await Promise.allSettled(pending);
  }
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out;
}

/** Writes each figure as <dir>/<name>.<format> plus <name>.vl.json (dir created if missing); returns the paths written. */
export async function writeFigures(
  figures: readonly Figure[],
  dir: string,
  options: WriteFiguresOptions = {},
): Promise<string[]> {
  const formats = checkFormats(options.formats ?? ['svg', 'png']);
  const scale = pngScale(options);
  await makeDir(dir, 'figuresDir');
  const rendered = await renderFigures(figures, { dir, formats, scale, keepSvg: false, specs: options.specs ?? true });
  return rendered.flatMap((r) => (r.spec ? [...r.files, r.spec] : r.files));
}
