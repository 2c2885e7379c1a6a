import { readFile } from 'node:fs/promises';
import { ReportError } from '../errors.js';
import { fontPath } from '../font.js';
import { loadHarfbuzz, subsetTtf } from './subsetTtf.js';

/** Characters always kept: printable ASCII and the superscripts of axis labels (interactive figures redraw text in the page). */
const ALWAYS = `${Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('')}⁰¹²³⁴⁵⁶⁷⁸⁹⁻×−–…‖`;

let font: Promise<Buffer> | undefined;
let warmed: Promise<void> | undefined;

/** Reads the font and compiles the subsetter's wasm (HarfBuzz) ahead of time; idempotent. */
export async function preloadFontSubset(): Promise<void> {
  font ??= readFile(fontPath());
  const [bytes] = await Promise.all([font, loadHarfbuzz()]);
  // One real subset: HarfBuzz's code runs tiered-up afterwards (the first subset is ~10x slower than later ones).
  warmed ??= subsetTtf(bytes, ALWAYS).then(() => undefined);
  await warmed;
}

/** The report font cut down to the glyphs of text (plus ALWAYS), as a TrueType data: URL for @font-face. */
export async function subsetFontDataUrl(text: string): Promise<string> {
  font ??= readFile(fontPath());
  // Printable ASCII is always in; only the rest of the page's characters need looking for.
  const chars = new Set(ALWAYS + (text.match(/[^\x20-\x7e\s]/gu) ?? []).join(''));
  try {
    return `data:font/ttf;base64,${(await subsetTtf(await font, chars)).toString('base64')}`;
  } catch (e) {
    throw new ReportError(`Could not subset the report font ${fontPath()} for the page: ${(e as Error).message}. Reinstall dejavu-fonts-ttf and harfbuzzjs.`, undefined, undefined, 'failure');
  }
}
