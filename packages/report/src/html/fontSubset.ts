import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fontPath } from '../font.js';

type SubsetFont = (font: Buffer, text: string, options?: { targetFormat?: 'truetype' | 'woff' | 'woff2' }) => Promise<Buffer>;
const require = createRequire(import.meta.url);

/** Characters always kept: printable ASCII and the superscripts of axis labels (interactive figures redraw text in the page). */
const ALWAYS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}⁰¹²³⁴⁵⁶⁷⁸⁹⁻×−–…‖`;

let fontBytes: Promise<Buffer> | undefined;
let subsetter: SubsetFont | undefined;

/** Reads the font and loads the subsetter (wasm HarfBuzz, from subset-font) ahead of time; idempotent. */
export function preloadFontSubset(): Promise<Buffer> {
  subsetter ??= require('subset-font') as SubsetFont;
  fontBytes ??= readFile(fontPath());
  return fontBytes;
}

/** The report font cut down to the glyphs of text (plus ALWAYS), as a TrueType data: URL for @font-face. */
export async function subsetFontDataUrl(text: string): Promise<string> {
  const font = await preloadFontSubset();
  const chars = [...new Set(text + ALWAYS)].join('');
  const subset = await subsetter!(font, chars, { targetFormat: 'truetype' });
  return `data:font/ttf;base64,${subset.toString('base64')}`;
}
