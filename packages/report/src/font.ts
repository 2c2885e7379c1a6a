import { createRequire } from 'node:module';
import { createCanvas, GlobalFonts } from '@napi-rs/canvas';
import * as vega from 'vega';
import { ReportError } from './errors.js';

/** Family name the shipped font is registered under; unique, so a system font of the same name can't win. */
export const FONT_ALIAS = 'ResnetDejaVuSans';
/** CSS font-family of every figure: the shipped font first, close fallbacks for viewers of a bare SVG. */
export const FONT_FAMILY = `${FONT_ALIAS}, DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif`;

const require = createRequire(import.meta.url);
let registered = false;

/** Absolute path of the shipped TrueType font (DejaVu Sans, from the dejavu-fonts-ttf package). */
export function fontPath(): string {
  try {
    return require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
  } catch {
    throw new ReportError(
      'The report font dejavu-fonts-ttf/ttf/DejaVuSans.ttf is not installed; run `npm install` in the workspace.',
      undefined,
      undefined,
      'failure',
    );
  }
}

interface VegaTextItem {
  fontSize?: number;
  limit?: number;
  ellipsis?: string;
}
interface VegaTextMetrics {
  width: (item: VegaTextItem, text: unknown) => number;
}

/**
 * Registers the shipped font with @napi-rs/canvas and makes vega measure every label with it
 * (instead of its 0.8em-per-character estimate), so layout is the same on every machine. Idempotent.
 */
export function installFont(): void {
  if (registered) return;
  // 1. Register the TTF under our alias.
  if (!GlobalFonts.registerFromPath(fontPath(), FONT_ALIAS)) {
    throw new ReportError(
      `Could not register the report font ${fontPath()}; the file may be damaged: reinstall dejavu-fonts-ttf.`,
      undefined,
      undefined,
      'failure',
    );
  }
  // 2. Hook vega's text measurement (vega-scenegraph's textMetrics, re-exported by vega).
  const ctx = createCanvas(1, 1).getContext('2d');
  const cache = new Map<string, number>();
  const fontOf = (vega as unknown as { font: (item: VegaTextItem) => string }).font;
  const measure = (font: string, text: string): number => {
    const key = `${font}\u0000${text}`;
    let w = cache.get(key);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(text).width;
      cache.set(key, w);
    }
    return w;
  };
  const metrics = (vega as unknown as { textMetrics: VegaTextMetrics }).textMetrics;
  metrics.width = (item, raw) => {
    const text = raw == null ? '' : String(raw).trim();
    if (!text || (item.fontSize ?? 11) <= 0) return 0;
    const font = fontOf(item);
    const w = measure(font, text);
    const limit = Number(item.limit) || 0;
    // vega truncates labels longer than `limit` with an ellipsis; measure what it will draw.
    return limit > 0 && w > limit
      ? Math.min(
          limit,
          measure(
            font,
            truncate(text, limit, item.ellipsis ?? '\u2026', (t) => measure(font, t)),
          ),
        )
      : w;
  };
  registered = true;
}

function truncate(text: string, limit: number, ellipsis: string, width: (t: string) => number): string {
  let lo = 0;
  let hi = text.length;
  const room = limit - width(ellipsis);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (width(text.slice(0, mid)) < room) lo = mid;
    else hi = mid - 1;
  }
  return text.slice(0, lo) + ellipsis;
}
