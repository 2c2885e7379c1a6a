import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The hb-subset C API of HarfBuzz's wasm build (harfbuzzjs/dist/harfbuzz-subset.wasm), as far as subsetTtf uses it. */
interface HbSubset {
  memory: { buffer: ArrayBuffer };
  _initialize(): void;
  malloc(bytes: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_clear(set: number): void;
  hb_set_invert(set: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

// The package builds without the DOM lib, which is where TypeScript declares WebAssembly; Node has it.
declare const WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> };

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_SETS_LAYOUT_FEATURE_TAG = 6;
const require = createRequire(import.meta.url);
let hb: Promise<HbSubset> | undefined;

/** Compiles and instantiates HarfBuzz's subsetter once per process (the wasm compiles off the main thread). */
export function loadHarfbuzz(): Promise<HbSubset> {
  hb ??= (async () => {
    const wasm = await readFile(require.resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
    const { instance } = await WebAssembly.instantiate(wasm);
    const exports = instance.exports as unknown as HbSubset;
    exports._initialize();
    return exports;
  })();
  return hb;
}

/**
 * A TrueType font cut down to the glyphs of the given characters (and what its layout features reach
 * from them), with HarfBuzz's hb-subset: the calls subset-font makes, without its format converters.
 */
export async function subsetTtf(font: Uint8Array, chars: Iterable<string>): Promise<Buffer> {
  const h = await loadHarfbuzz();
  const input = h.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb_subset_input_create_or_fail failed');
  const fontPtr = h.malloc(font.byteLength);
  new Uint8Array(h.memory.buffer).set(font, fontPtr);
  const blob = h.hb_blob_create(fontPtr, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = h.hb_face_create(blob, 0);
  h.hb_blob_destroy(blob);
  let subset = 0;
  try {
    // Keep every layout feature (hb-subset --layout-features='*'), then the characters asked for.
    const features = h.hb_subset_input_set(input, HB_SUBSET_SETS_LAYOUT_FEATURE_TAG);
    h.hb_set_clear(features);
    h.hb_set_invert(features);
    const unicodes = h.hb_subset_input_unicode_set(input);
    for (const c of chars) h.hb_set_add(unicodes, c.codePointAt(0)!);
    subset = h.hb_subset_or_fail(face, input);
    if (subset === 0) throw new Error('hb_subset_or_fail failed: the font may be damaged');
    const result = h.hb_face_reference_blob(subset);
    try {
      const at = h.hb_blob_get_data(result, 0);
      const length = h.hb_blob_get_length(result);
      if (length === 0) throw new Error('hb-subset returned an empty font: the font may be damaged');
      // Copy out before freeing: the wasm memory is reused (and may grow, detaching views).
      return Buffer.from(new Uint8Array(h.memory.buffer, at, length));
    } finally {
      h.hb_blob_destroy(result);
    }
  } finally {
    h.hb_subset_input_destroy(input);
    if (subset !== 0) h.hb_face_destroy(subset);
    h.hb_face_destroy(face);
    h.free(fontPtr);
  }
}
