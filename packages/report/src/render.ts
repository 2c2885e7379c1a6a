import { createCanvas, PDFDocument } from '@napi-rs/canvas';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { ReportOptionsError } from './errors.js';
import { installFont } from './font.js';

/** Options of the renderers. */
export interface RenderOptions {
  /** PNG pixels per px of the figure; default 2. */
  scale?: number;
  /** PNG resolution in pixels per inch (figure px are points, 72 per inch); overrides scale: scale = ppi / 72. */
  ppi?: number;
  /** PDF document title (metadata). */
  title?: string;
}

/** PNG scale from options: ppi / 72 when ppi is given, else scale, else 2. Validates both. */
export function pngScale(options: RenderOptions = {}): number {
  if (options.ppi !== undefined) {
    if (typeof options.ppi !== 'number' || !Number.isFinite(options.ppi) || options.ppi <= 0) {
      throw new ReportOptionsError('ppi', options.ppi, 'a positive number', 'Use e.g. 300 for print.');
    }
    return options.ppi / 72;
  }
  const scale = options.scale ?? 2;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 50) {
    throw new ReportOptionsError('scale', scale, 'a number in (0, 50]');
  }
  return scale;
}

/** The part of a 2D context undashText touches. */
export interface TextContext {
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
  strokeText(text: string, x: number, y: number, maxWidth?: number): void;
  getLineDash(): number[];
  setLineDash(segments: number[]): void;
}

/**
 * Makes text ignore the current line dash. vega leaves a dash set after a dashed rule, and Skia
 * applies it to the glyphs of any text drawn next: wrong on canvas and, in PDF, a Type 3 font.
 */
export function undashText<T extends TextContext>(ctx: T): T {
  for (const method of ['fillText', 'strokeText'] as const) {
    const draw = ctx[method].bind(ctx);
    ctx[method] = (text: string, x: number, y: number, maxWidth?: number) => {
      const dash = ctx.getLineDash();
      if (dash.length === 0) return draw(text, x, y, maxWidth);
      ctx.setLineDash([]);
      try {
        draw(text, x, y, maxWidth);
      } finally {
        ctx.setLineDash(dash);
      }
    };
  }
  return ctx;
}

const keptViews = new WeakMap<TopLevelSpec, Promise<FigureView>>();

/** A compiled, evaluated vega view of one spec, rendered to any format without recompiling. */
export class FigureView {
  private svgText: Promise<string> | undefined;
  /** True for views kept for the life of their spec (FigureView.keep): finalize() leaves them alive. */
  private kept = false;

  private constructor(
    private readonly view: vega.View,
    /** Figure size in px (points in PDF), padding included. */
    readonly width: number,
    readonly height: number,
  ) {}

  /** Compiles a Vega-Lite spec and runs its dataflow once (headless: no DOM, no canvas yet). */
  static async create(spec: TopLevelSpec): Promise<FigureView> {
    installFont();
    // 1. Vega-Lite -> Vega; 2. parse and run the dataflow; 3. read the size the layout settled on.
    const vgSpec = compile(spec).spec;
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none' });
    await view.runAsync();
    // vega's own headless renderers size the canvas this way (vega-view render-size.js).
    const internal = view as unknown as { _viewWidth: number; _viewHeight: number };
    const pad = view.padding() as { left: number; right: number; top: number; bottom: number };
    const width = Math.max(1, internal._viewWidth + pad.left + pad.right);
    const height = Math.max(1, internal._viewHeight + pad.top + pad.bottom);
    return new FigureView(view, width, height);
  }

  /** SVG markup (text as text, in the shipped font's family); drawn once per view. */
  svg(): Promise<string> {
    this.svgText ??= this.view.toSVG();
    return this.svgText;
  }

  /** PNG bytes at scale pixels per px; the pHYs chunk says 72*scale ppi, so it prints at the PDF's size. */
  async png(scale: number): Promise<Buffer> {
    return (await this.drawPng(scale)).encoded;
  }

  /**
   * Draws the PNG now and starts its encoding off the main thread: the view can be finalized (and the
   * next figure drawn) while `encoded` is pending.
   */
  async drawPng(scale: number): Promise<{ encoded: Promise<Buffer> }> {
    const canvas = createCanvas(Math.ceil(this.width * scale), Math.ceil(this.height * scale));
    await this.view.toCanvas(scale, { externalContext: undashText(canvas.getContext('2d')) } as never);
    return { encoded: canvas.encode('png', { resolution: Math.round(72 * scale) }) };
  }

  /** One-page vector PDF, page size = figure size in points, fonts embedded as TrueType. */
  async pdf(title?: string): Promise<Buffer> {
    const doc = new PDFDocument({ title, creator: '@resnet/report', producer: '@resnet/report (vega, Skia PDF)' });
    const ctx = doc.beginPage(this.width, this.height);
    await this.view.toCanvas(1, { externalContext: undashText(ctx) } as never);
    doc.endPage();
    return doc.close();
  }

  /**
   * A view of spec kept as long as the spec object lives, created once: for figures whose spec never
   * changes (the notebook's patterns and identity demo), so a preload can compile them ahead of time.
   */
  static keep(spec: TopLevelSpec): Promise<FigureView> {
    let view = keptViews.get(spec);
    if (!view) {
      view = FigureView.create(spec).then((v) => {
        v.kept = true;
        return v;
      });
      keptViews.set(spec, view);
      view.catch(() => keptViews.delete(spec));
    }
    return view;
  }

  /** Releases the view's dataflow (not for kept views). */
  finalize(): void {
    if (!this.kept) this.view.finalize();
  }
}

async function withView<T>(spec: TopLevelSpec, f: (v: FigureView) => Promise<T>): Promise<T> {
  const v = await FigureView.create(spec);
  try {
    return await f(v);
  } finally {
    v.finalize();
  }
}

/** Renders a Vega-Lite spec to SVG markup. */
export async function renderSvg(spec: TopLevelSpec, _options: RenderOptions = {}): Promise<string> {
  return withView(spec, (v) => v.svg());
}

/** Renders a Vega-Lite spec to PNG bytes at options.scale (default 2) or options.ppi. */
export async function renderPng(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Buffer> {
  const scale = pngScale(options);
  return withView(spec, (v) => v.png(scale));
}

/** Renders a Vega-Lite spec to a one-page vector PDF with embedded TrueType fonts. */
export async function renderPdf(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Buffer> {
  return withView(spec, (v) => v.pdf(options.title));
}
