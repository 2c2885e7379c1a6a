import { readFile } from 'node:fs/promises';
import { ReportError } from '../errors.js';
import { fontPath } from '../font.js';
import { loadHarfbuzz, subsetTtf } from './subsetTtf.js';

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCharCode(from + i)).join('');

/**
 * Characters of the prebuilt subset (written at build time by scripts/buildFontSubset.mjs): printable
 * ASCII and the typography and maths the report writes (superscripts, ×, −, ‖, quotes, dashes, ∞).
 * A page whose text stays within them embeds that file as it is; otherwise the font is cut at run time.
 */
export const BASE_CHARS = `${range(0x20, 0x7e)}⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺‘’“”–—…‖•·×−±≤≥≈∞√°µ`;

/** Where the build writes the prebuilt subset (dist/fonts/, beside this module's dist/html/). */
export const PREBUILT_FONT = new URL('../fonts/report-font.ttf', import.meta.url);

const base = new Set(BASE_CHARS);
let prebuilt: Promise<Buffer | null> | undefined;
let font: Promise<Buffer> | undefined;

const readPrebuilt = () => {
  prebuilt ??= readFile(PREBUILT_FONT).catch(() => null);
  return prebuilt;
};

/** Reads the prebuilt subset (or, without one, the font and HarfBuzz's wasm subsetter) ahead of time; idempotent. */
export async function preloadFontSubset(): Promise<void> {
  if (await readPrebuilt()) return;
  font ??= readFile(fontPath());
  const [bytes] = await Promise.all([font, loadHarfbuzz()]);
  // One real subset: HarfBuzz's code runs tiered-up afterwards (the first subset is ~10x slower than later ones).
  await subsetTtf(bytes, 'a');
}

/**
 * The report font for the page as a TrueType data: URL for @font-face: the prebuilt subset when the
 * text's characters are all in BASE_CHARS (no work at all), else the font cut at run time with
 * HarfBuzz to BASE_CHARS plus the text's characters.
 */
export async function subsetFontDataUrl(text: string): Promise<string> {
  const extra = (text.match(/[^\x20-\x7e\s]/gu) ?? []).filter((c) => !base.has(c));
  const ready = extra.length === 0 ? await readPrebuilt() : null;
  try {
    font ??= readFile(fontPath());
    const bytes = ready ?? (await subsetTtf(await font, new Set(BASE_CHARS + extra.join(''))));
    return `data:font/ttf;base64,${bytes.toString('base64')}`;
  } catch (e) {
    throw new ReportError(
      `Could not subset the report font ${fontPath()} for the page: ${(e as Error).message}. Reinstall dejavu-fonts-ttf and harfbuzzjs.`,
      undefined,
      undefined,
      'failure',
    );
  }
}
