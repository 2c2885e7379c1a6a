// Build step (after tsc): bundles the page and @resnet/core (and the sweep's Node-free part) into one script,
// embeds the font and the MNIST digits, and writes dist/explorer.html, the one file `resnet explore` copies.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { loadMnist } from '@resnet/data';
import { ARCH_COLORS, BAND_OPACITY, subsetFontDataUrl } from '@resnet/report';
import { encodeSplit } from '../dist/compute/mnistFormat.js';
import { explorerPageHtml } from '../dist/build/pageShell.js';
import { stylesheet } from '../dist/page/style.js';
import { EXPLORER_HTML } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sweepDir = dirname(fileURLToPath(import.meta.resolve('@resnet/sweep/browser')));

// The sweep loads mathjs through node:module's createRequire (lazily, for the CLI's start-up); in the page it is
// bundled: the shim's createRequire hands out the one module expression.ts asks for.
const nodeModuleShim = {
  name: 'node-module-shim',
  setup(b) {
    b.onResolve({ filter: /^node:module$/ }, () => ({ path: 'node:module', namespace: 'shim' }));
    b.onLoad({ filter: /.*/, namespace: 'shim' }, () => ({
      resolveDir: sweepDir,
      contents: `import * as mathjs from 'mathjs/number';
export function createRequire() {
  return (id) => { if (id === 'mathjs/number') return mathjs; throw new Error('not in the explorer bundle: ' + id); };
}`,
    }));
  },
};

// 1. The script: page and worker in one file.
const bundle = await build({
  entryPoints: [`${root}src/page/main.ts`],
  bundle: true,
  minify: process.env['EXPLORER_MINIFY'] !== '0', // EXPLORER_MINIFY=0: readable names for a profiler
  format: 'iife',
  platform: 'browser',
  target: ['chrome105', 'firefox115', 'safari16.4'],
  legalComments: 'none',
  write: false,
  plugins: [nodeModuleShim],
  define: {
    'import.meta.url': '""',
    __THEME__: JSON.stringify({ archColors: ARCH_COLORS, bandOpacity: BAND_OPACITY }),
  },
  logLevel: 'warning',
});
const script = bundle.outputFiles[0].text;
// 2. The digits `resnet train` trains on (its split), one byte a pixel, deflated.
const digits = deflateRawSync(encodeSplit(loadMnist()), { level: 9 });
// 3. The page.
const html = explorerPageHtml({
  script,
  css: stylesheet(),
  fontUrl: await subsetFontDataUrl(script), // every character the script can write
  mnist: digits.toString('base64'),
});
const out = fileURLToPath(EXPLORER_HTML);
await mkdir(dirname(out), { recursive: true });
await writeFile(out, html);
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
console.log(
  `${out}: ${kb(Buffer.byteLength(html))} (script ${kb(script.length)}, digits ${kb(digits.length)} deflated)`,
);
