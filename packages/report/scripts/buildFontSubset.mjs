// Build step: cuts the report font down to BASE_CHARS once (HarfBuzz's wasm subsetter), so a report
// embeds dist/fonts/report-font.ttf without subsetting at run time. Runs after tsc (needs dist/).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { fontPath } from '../dist/font.js';
import { BASE_CHARS, PREBUILT_FONT } from '../dist/html/fontSubset.js';
import { subsetTtf } from '../dist/html/subsetTtf.js';

const out = fileURLToPath(PREBUILT_FONT);
const subset = await subsetTtf(await readFile(fontPath()), new Set(BASE_CHARS));
await mkdir(dirname(out), { recursive: true });
await writeFile(out, subset);
console.log(`${out}: ${subset.length} bytes (${new Set(BASE_CHARS).size} characters)`);
