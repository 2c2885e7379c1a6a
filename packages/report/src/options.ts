import { join, resolve } from 'node:path';
import { ReportOptionsError } from './errors.js';
import { pngScale } from './render.js';
import { checkFormats, type FigureFormat } from './writeFigures.js';

/** Options of writeReport. */
export interface ReportOptions {
  /** Report title; default "Gradient flow in plain vs residual networks". */
  title?: string;
  /** Path of the HTML file; default <dir>/report.html; false writes no HTML. */
  html?: string | false;
  /** Folder of the figure files; default <dir>/figures. */
  figuresDir?: string;
  /** Figure files to write; default ['svg', 'png']. */
  formats?: readonly FigureFormat[];
  /** PNG resolution in pixels per inch; overrides scale (scale = ppi / 72). */
  ppi?: number;
  /** PNG scale; default 2. */
  scale?: number;
  /** Depth of the per-layer profiles; default the deepest swept. */
  depth?: number;
  /** Inline the vega runtime for tooltips and zoom (still one file, no network). */
  interactive?: boolean;
  /** Command line that produced the report, shown under provenance. */
  command?: string;
  /** Stops the report between figures and before the HTML (ReportInterruptedError, kind `interrupted`); files written are whole. */
  signal?: AbortSignal;
}

/** The report title when none is given. */
export const DEFAULT_TITLE = 'Gradient flow in plain vs residual networks';

/** ReportOptions with defaults filled in, paths resolved and values checked. */
export interface ResolvedReportOptions {
  title: string;
  html: string | null;
  figuresDir: string;
  formats: FigureFormat[];
  scale: number;
  ppi: number | null;
  depth: number | undefined;
  interactive: boolean;
  command: string | null;
  signal: AbortSignal | null;
}

const optionalString = (name: 'title' | 'html' | 'figuresDir' | 'command', v: unknown): string | undefined => {
  if (v !== undefined && typeof v !== 'string') throw new ReportOptionsError(name, v, 'a string');
  return v;
};

/** Fills defaults and validates every option once; the rest of the report trusts the result. */
export function resolveReportOptions(dir: string, options: ReportOptions = {}): ResolvedReportOptions {
  if (options === null || typeof options !== 'object') throw new ReportOptionsError('options', options, 'an object');
  const title = optionalString('title', options.title) ?? DEFAULT_TITLE;
  if (title.trim() === '') throw new ReportOptionsError('title', title, 'a non-empty string');
  const html =
    options.html === false ? null : resolve(optionalString('html', options.html) ?? join(dir, 'report.html'));
  const figuresDir = resolve(optionalString('figuresDir', options.figuresDir) ?? join(dir, 'figures'));
  const formats = checkFormats(options.formats ?? ['svg', 'png']);
  const scale = pngScale(options);
  // ppi and scale size PNG files only: asked for without PNG output they would do nothing, silently.
  for (const name of ['ppi', 'scale'] as const) {
    if (options[name] !== undefined && !formats.includes('png')) {
      const now = formats.length ? `the formats are ${formats.join(', ')}` : 'no figure files are written';
      throw new ReportOptionsError(
        name,
        options[name],
        'left out unless "png" is among the formats (it sizes the PNG files)',
        `Now ${now}: add "png" to the formats (--png), or leave ${name} out.`,
      );
    }
  }
  if (options.signal !== undefined && !(options.signal instanceof AbortSignal))
    throw new ReportOptionsError('signal', options.signal, 'an AbortSignal');
  const depth = options.depth;
  if (depth !== undefined && (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1)) {
    throw new ReportOptionsError('depth', depth, 'a positive integer (one of the swept depths)');
  }
  if (options.interactive !== undefined && typeof options.interactive !== 'boolean')
    throw new ReportOptionsError('interactive', options.interactive, 'true or false');
  return {
    title,
    html,
    figuresDir,
    formats,
    scale,
    ppi: options.ppi ?? null,
    depth,
    interactive: options.interactive ?? false,
    command: optionalString('command', options.command) ?? null,
    signal: options.signal ?? null,
  };
}
