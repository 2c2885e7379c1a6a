import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReportOptionsError } from './errors.js';
import { FigureView, pngScale } from './render.js';
import type { Figure } from './specs/common.js';

/** A figure file format. */
export type FigureFormat = 'png' | 'svg' | 'pdf';
/** Every format, in the order files are written. */
export const FIGURE_FORMATS: readonly FigureFormat[] = ['svg', 'png', 'pdf'];

/** Options of writeFigures. */
export interface WriteFiguresOptions {
  /** Files to write per figure; default ['svg', 'png']. */
  formats?: readonly FigureFormat[];
  /** PNG scale (default 2); ignored when ppi is given. */
  scale?: number;
  /** PNG resolution in pixels per inch; scale = ppi / 72. */
  ppi?: number;
}

/** Checks a formats option: an array of 'png' | 'svg' | 'pdf', without repeats. */
export function checkFormats(formats: unknown): FigureFormat[] {
  if (!Array.isArray(formats) || !formats.every((f) => (FIGURE_FORMATS as readonly unknown[]).includes(f)) || new Set(formats).size !== formats.length) {
    throw new ReportOptionsError('formats', formats, 'an array of distinct "svg", "png", "pdf"', 'e.g. ["svg", "png"].');
  }
  return formats as FigureFormat[];
}

/** Renders one figure to every format asked (one vega view for all of them); returns its SVG when asked for or needed. */
export async function renderFigure(figure: Figure, dir: string | null, formats: readonly FigureFormat[], scale: number, keepSvg: boolean) {
  const view = await FigureView.create(figure.spec);
  const files: string[] = [];
  let svg: string | null = null;
  try {
    for (const format of formats) {
      const bytes = format === 'svg' ? (svg = await view.svg()) : format === 'png' ? await view.png(scale) : await view.pdf(figure.title);
      if (dir === null) continue;
      const file = join(dir, `${figure.name}.${format}`);
      await writeFile(file, bytes);
      files.push(file);
    }
    if (keepSvg && svg === null) svg = await view.svg();
  } finally {
    view.finalize();
  }
  return { files, svg, width: view.width, height: view.height };
}

/** Writes each figure as <dir>/<name>.<format> (dir created if missing); returns the paths written. */
export async function writeFigures(figures: readonly Figure[], dir: string, options: WriteFiguresOptions = {}): Promise<string[]> {
  const formats = checkFormats(options.formats ?? ['svg', 'png']);
  const scale = pngScale(options);
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const f of figures) files.push(...(await renderFigure(f, dir, formats, scale, false)).files);
  return files;
}
